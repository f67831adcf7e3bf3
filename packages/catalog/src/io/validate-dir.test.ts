import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeRawDataDir, type RawDataDir } from '@llm-catalog/testkit/catalog';
import { readCatalog } from './read.ts';
import { validateDataDir } from './validate-dir.ts';
import { planCatalogWrite } from './write.ts';

const DATA_DIR = fileURLToPath(new URL('../../../../data', import.meta.url));

const dirs: RawDataDir[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()));
});

describe('the committed data directory', () => {
  it('passes validation with 0 errors', async () => {
    const problems = await validateDataDir(DATA_DIR);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('is in canonical form: writing it back would change no byte', async () => {
    const { catalog, files } = await readCatalog(DATA_DIR);
    const planned = planCatalogWrite(catalog, files);
    expect(planned.filter((f) => f.changed).map((f) => f.kind)).toEqual([]);
  });
});

describe('validateDataDir', () => {
  it('an empty, well-formed directory has no problems', async () => {
    const d = await makeRawDataDir();
    dirs.push(d);
    expect(await validateDataDir(d.dir)).toEqual([]);
  });

  it('a stale or missing JSON Schema is a warning that says how to fix it', async () => {
    const d = await makeRawDataDir();
    dirs.push(d);
    const modelsSchema = join(d.dir, 'schema/models.schema.json');
    await writeFile(modelsSchema, (await readFile(modelsSchema, 'utf8')).replace('"object"', '"array"'));
    await rm(join(d.dir, 'schema/overrides.schema.json'));
    expect(await validateDataDir(d.dir)).toEqual([
      {
        severity: 'warning',
        code: 'stale-json-schema',
        file: 'schema/models.schema.json',
        message: 'out of date with the Zod schemas; run `pnpm schema`',
      },
      {
        severity: 'warning',
        code: 'stale-json-schema',
        file: 'schema/overrides.schema.json',
        message: 'missing; run `pnpm schema`',
      },
    ]);
  });
});

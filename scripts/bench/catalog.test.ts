import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkIntegrity, readCatalog, validateDataDir } from '@llm-catalog/catalog';
import { generateBenchCatalog, writeBenchDataDir } from './catalog.ts';

let root: string | undefined;
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

describe('benchmark catalog generator', () => {
  it('generates exactly the sizes asked for, with every model served and no integrity problem', () => {
    const catalog = generateBenchCatalog({ providers: 10, models: 500, overrides: 2503 }, 'http://127.0.0.1:9');
    expect(catalog.providers).toHaveLength(10);
    expect(catalog.models).toHaveLength(500);
    expect(catalog.overrides).toHaveLength(2503);
    expect(catalog.overrides.some((o) => o.priority >= 100)).toBe(true);
    expect(catalog.overrides.some((o) => o.priority === 0 && o.pricing)).toBe(true);
    expect(checkIntegrity(catalog)).toEqual([]);
  });

  it('writes a data directory that reads back and validates cleanly', async () => {
    root = await mkdtemp(join(tmpdir(), 'llm-catalog-bench-'));
    const dir = join(root, 'data');
    const catalog = generateBenchCatalog({ providers: 5, models: 200, overrides: 600 }, 'http://127.0.0.1:9');
    await writeBenchDataDir(dir, catalog);
    expect(await validateDataDir(dir)).toEqual([]);
    const { catalog: read } = await readCatalog(dir);
    expect(read.overrides).toHaveLength(600);
    expect(read.providers[0]?.models_api?.endpoints[0]?.url).toBe('http://127.0.0.1:9/synthetic-001/v1/models');
  });
});

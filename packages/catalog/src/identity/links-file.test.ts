import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inspectCatalog, readCatalog } from '../io/read.ts';
import { writeCatalog, writeLinks } from '../io/write.ts';
import { makeRawDataDir, type RawDataDir } from '@llm-catalog/testkit/catalog';

const dirs: RawDataDir[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()));
});
const dataDir = async () => {
  const d = await makeRawDataDir({ models: [{ id: 'gpt-4o' }] });
  dirs.push(d);
  return d.dir;
};
const link = { spelling: 'openai-gpt-4o', model_id: 'gpt-4o', relation: 'same' as const, reason: 'DigitalOcean spelling' };

describe('links.json', () => {
  it('is optional: a data directory without it reads as having no links', async () => {
    const { catalog, files } = await readCatalog(await dataDir());
    expect(catalog.links).toBeUndefined();
    expect(files.links).toBeUndefined();
  });

  it('is written in the canonical envelope and read back as written', async () => {
    const dir = await dataDir();
    expect(await writeLinks(dir, [link], undefined, new Date('2026-07-01T00:00:00Z'))).toBe(true);
    const text = await readFile(join(dir, 'links.json'), 'utf8');
    expect(text).toBe(
      `${JSON.stringify(
        {
          $schema: './schema/links.schema.json',
          version: '2026.07.01',
          links: [{ spelling: link.spelling, model_id: link.model_id, relation: 'same', reason: link.reason }],
        },
        null,
        2,
      )}\n`,
    );
    const { catalog, files } = await readCatalog(dir);
    expect(catalog.links).toEqual([link]);
    expect(await writeLinks(dir, [link], files.links, new Date('2027-01-01T00:00:00Z'))).toBe(false);
  });

  it('names the entry and field of a bad link', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'links.json'), JSON.stringify({ version: '2026.01.01', links: [{ spelling: 'x', model_id: 'gpt-4o', relation: 'maybe' }] }));
    const { problems } = await inspectCatalog(dir);
    expect(problems).toEqual([
      expect.objectContaining({ file: 'links.json', entry: 'links[0] "x" -> gpt-4o', field: 'relation' }),
    ]);
  });

  it('is never written by a catalog write (what syncs and imports use)', async () => {
    const dir = await dataDir();
    await writeLinks(dir, [link], undefined, new Date('2026-07-01T00:00:00Z'));
    const before = await readFile(join(dir, 'links.json'), 'utf8');
    const { catalog, files } = await readCatalog(dir);
    await writeCatalog(dir, { ...catalog, models: [...catalog.models, { id: 'gpt-4o-mini' }], links: [] }, files);
    expect(await readFile(join(dir, 'links.json'), 'utf8')).toBe(before);
  });
});

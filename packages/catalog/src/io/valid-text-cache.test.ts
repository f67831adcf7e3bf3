import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleCatalog } from '@llm-catalog/testkit/catalog';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import { CatalogLoadError } from '../problems.ts';
import { loadValidCatalog } from './load-valid.ts';
import { inspectCatalog } from './read.ts';
import { writeCatalog } from './write.ts';

let root: string;
let saved: string | undefined;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'llm-catalog-valid-cache-'));
  saved = process.env.CATALOG_CACHE_DIR;
  process.env.CATALOG_CACHE_DIR = join(root, 'cache');
});
afterEach(async () => {
  if (saved === undefined) delete process.env.CATALOG_CACHE_DIR;
  else process.env.CATALOG_CACHE_DIR = saved;
  await rm(root, { recursive: true, force: true });
});

/** Enough models to make models.json larger than the smallest text worth remembering. */
const manyModels = (count: number): Model[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `model-${String(i).padStart(5, '0')}`,
    name: `Model ${i} with a name long enough to take some room in the file`,
    context_window: 128_000,
    max_output_tokens: 8192,
    input_modalities: ['TEXT'],
    output_modalities: ['TEXT'],
  }));

const cacheEntries = () => readdir(join(root, 'cache')).catch(() => [] as string[]);

describe('remembered valid texts', () => {
  it('a large file that passed its schema reads back the same without being checked again', async () => {
    const dir = join(root, 'data');
    await writeCatalog(dir, { providers: [], models: manyModels(2000), overrides: [] }, {});
    const first = await inspectCatalog(dir);
    expect(first.problems).toEqual([]);
    expect(await cacheEntries()).toHaveLength(1);
    const second = await inspectCatalog(dir);
    expect(second.problems).toEqual([]);
    expect(second.catalog).toEqual(first.catalog);
  });

  it('never remembers a file with a schema error, which is reported on every read', async () => {
    const dir = join(root, 'data');
    await writeCatalog(dir, { providers: [], models: manyModels(2000), overrides: [] }, {});
    const path = join(dir, 'models.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"context_window": 128000', '"context_window": -1'));
    for (let i = 0; i < 2; i++) {
      const read = await inspectCatalog(dir);
      expect(read.problems.some((p) => p.file === 'models.json' && p.field?.includes('context_window'))).toBe(true);
    }
    expect(await cacheEntries()).toHaveLength(0);
  });

  it('is off with CATALOG_CACHE_DIR=off', async () => {
    process.env.CATALOG_CACHE_DIR = 'off';
    const dir = join(root, 'data');
    await writeCatalog(dir, { providers: [], models: manyModels(2000), overrides: [] }, {});
    expect((await inspectCatalog(dir)).problems).toEqual([]);
    expect(await cacheEntries()).toHaveLength(0);
  });
});

describe('remembered integrity verdicts', () => {
  /** The sample catalog with 2,000 models nobody serves: large enough to remember, one warning each. */
  const largeCatalog = () => {
    const catalog = sampleCatalog();
    return { ...catalog, models: [...catalog.models, ...manyModels(2000)] };
  };
  const verdicts = async () => (await cacheEntries()).filter((name) => name.startsWith('catalog-'));

  it('a catalog that passed its integrity rules loads with the same warnings from the remembered verdict', async () => {
    const dir = join(root, 'data');
    await writeCatalog(dir, largeCatalog(), {});
    const first = await loadValidCatalog(dir);
    expect(first.warnings.filter((w) => w.code === 'orphan-model')).toHaveLength(2000);
    const [verdict] = await verdicts();
    expect(verdict).toBeDefined();
    const second = await loadValidCatalog(dir);
    expect(second.warnings).toEqual(first.warnings);
    // It is the remembered verdict that the second load returned, not a second check.
    await writeFile(join(root, 'cache', verdict as string), JSON.stringify(first.warnings.slice(0, 1)));
    expect((await loadValidCatalog(dir)).warnings).toEqual(first.warnings.slice(0, 1));
  });

  it('checks a catalog again when any of its texts changed, and never remembers one with an error', async () => {
    const dir = join(root, 'data');
    const catalog = largeCatalog();
    await writeCatalog(dir, catalog, {});
    await loadValidCatalog(dir);
    const stray = { provider_id: 'nobody', model_id: 'gpt-4o', priority: 10 } as Override;
    await writeCatalog(dir, { ...catalog, overrides: [...catalog.overrides, stray] }, {});
    for (let i = 0; i < 2; i++) {
      const failed = await loadValidCatalog(dir).catch((err: unknown) => err);
      expect(failed).toBeInstanceOf(CatalogLoadError);
      expect((failed as CatalogLoadError).problems.map((p) => p.code)).toContain('unknown-provider');
    }
    expect(await verdicts()).toHaveLength(1);
  });

  it('remembers no verdict with CATALOG_CACHE_DIR=off', async () => {
    process.env.CATALOG_CACHE_DIR = 'off';
    const dir = join(root, 'data');
    await writeCatalog(dir, largeCatalog(), {});
    await loadValidCatalog(dir);
    expect(await cacheEntries()).toHaveLength(0);
  });
});

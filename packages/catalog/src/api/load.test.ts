import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCatalog } from '../io/write.ts';
import { CatalogLoadError } from '../problems.ts';
import { CostEstimateError } from './cost.ts';
import { BUNDLED_DATA_DIR, createCatalogLibrary, loadCatalog } from './load.ts';
import { pricedCatalog } from '@llm-catalog/testkit/priced-catalog';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function dataDirWith(catalog: ReturnType<typeof pricedCatalog>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-load-'));
  roots.push(root);
  await writeCatalog(join(root, 'data'), catalog, {}, new Date('2026-01-01T00:00:00Z'));
  return join(root, 'data');
}

describe('loadCatalog', () => {
  it('loads the bundled data directory when given none', async () => {
    expect(BUNDLED_DATA_DIR).toMatch(/[/\\]data[/\\]?$/);
    const library = await loadCatalog();
    expect(library.provider('openai')?.name).toBe('OpenAI');
  });

  it('answers the library queries over a data directory', async () => {
    const library = await loadCatalog(await dataDirWith(pricedCatalog()));
    expect(library.resolveModel('openrouter', 'gpt-4o')?.pricing?.input?.per_million_tokens).toBe(2.75);
    expect(library.resolveModel('groq', 'gpt-4o')).toBeUndefined();
    expect(library.providersFor('gpt-4o').map((o) => o.provider_id)).toEqual(['openai', 'openrouter', 'yuan']);
    expect(library.isValidModel('openai', 'gpt-4-turbo')).toBe(false);
    expect(library.estimateCost({ provider: 'openai', model: 'gpt-4o', input_tokens: 1000, output_tokens: 1000 }).total).toBe(0.0125);
    expect(() => library.estimateCost({ provider: 'groq', model: 'mystery-model', input_tokens: 1, output_tokens: 1 })).toThrow(
      CostEstimateError,
    );
  });

  it('refuses data that validate would reject', async () => {
    const broken = pricedCatalog();
    broken.overrides.push({ provider_id: 'groq', model_id: 'no-such-model', priority: 0 });
    await expect(loadCatalog(await dataDirWith(broken))).rejects.toThrow(CatalogLoadError);
  });

  it('wraps an in-memory catalog the same way', () => {
    expect(createCatalogLibrary(pricedCatalog()).isValidModel('groq', 'llama-3.3-70b-versatile')).toBe(true);
  });
});

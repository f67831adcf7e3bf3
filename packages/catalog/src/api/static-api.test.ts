import { describe, expect, it } from 'vitest';
import { stableJson } from '../canonical.ts';
import { generatedJsonSchemas } from '../json-schema.ts';
import { buildResolvedCatalog } from './build.ts';
import { buildModelDocument } from './model-document.ts';
import { buildStaticApi, type StaticApiIndex } from './static-api.ts';
import { pricedCatalog, reversedCatalog } from '@llm-catalog/testkit/priced-catalog';

const versions = { providers: '2026.03.01', models: '2026.03.04', overrides: '2026.02.28' };

describe('buildStaticApi', () => {
  it('writes api.json, one file per provider and per model, index.json and the schemas', () => {
    const catalog = pricedCatalog();
    catalog.models.push({ id: 'meta-llama/llama-3.1-8b:free' });
    catalog.overrides.push({ provider_id: 'openrouter', model_id: 'meta-llama/llama-3.1-8b:free', priority: 0 });
    const files = buildStaticApi(catalog, versions);
    expect([...files.keys()].sort()).toEqual(
      [
        'api.json',
        'index.json',
        ...catalog.providers.map((p) => `providers/${p.id}.json`),
        ...catalog.models.map((m) => `models/${m.id.replace('/', '~2f').replace(':', '~3a')}.json`),
        ...Object.keys(generatedJsonSchemas()),
      ].sort(),
    );
    expect(files.get('models/meta-llama~2fllama-3.1-8b~3afree.json')).toBe(
      stableJson(buildModelDocument(catalog, 'meta-llama/llama-3.1-8b:free')),
    );
  });

  it('api.json is the resolved catalog and a provider file is its entry there', () => {
    const files = buildStaticApi(pricedCatalog(), versions);
    const resolved = buildResolvedCatalog(pricedCatalog(), '2026.03.04');
    expect(files.get('api.json')).toBe(stableJson(resolved));
    expect(files.get('providers/groq.json')).toBe(stableJson(resolved.providers.groq));
  });

  it('index.json gives the versions, counts, sync dates and where each id lives', () => {
    const catalog = pricedCatalog();
    const groq = catalog.providers.find((p) => p.id === 'groq');
    if (groq) groq.models_api = { endpoints: [], enabled: true, update_frequency: 'daily', last_synced: '2026-03-04T05:00:00Z' };
    const index = JSON.parse(buildStaticApi(catalog, versions).get('index.json') as string) as StaticApiIndex;
    expect(index).toMatchObject({
      format: 1,
      version: '2026.03.04',
      versions,
      counts: { providers: 6, models: 6, offerings: 11 },
      last_synced: { groq: '2026-03-04T05:00:00Z' },
    });
    expect(index.files.models['gpt-4o']).toBe('models/gpt-4o.json');
    expect(index.files.providers.openai).toBe('providers/openai.json');
  });

  it('gives the same bytes for the same data in any order', () => {
    const catalog = pricedCatalog();
    expect([...buildStaticApi(reversedCatalog(catalog), versions)].sort()).toEqual([...buildStaticApi(catalog, versions)].sort());
  });
});

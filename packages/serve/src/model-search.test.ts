import { indexCatalog } from '@llm-catalog/catalog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOfferingRows, searchOfferings } from './model-search.ts';
import { ModelSearchQuerySchema, type OfferingRow, SORT_KEYS } from './schemas.ts';
import { serveTestCatalog } from '@llm-catalog/testkit/serve';
import { usd } from '@llm-catalog/testkit/report';

const rows = buildOfferingRows(indexCatalog(serveTestCatalog('http://127.0.0.1:9')));
const query = (raw: Record<string, string>) => ModelSearchQuerySchema.parse(raw);
const key = (r: OfferingRow) => `${r.provider_id}/${r.model_id}`;

describe('searchOfferings', () => {
  it('pages through a sort order without losing or repeating an offering', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SORT_KEYS), fc.integer({ min: 1, max: 4 }), (sort, limit) => {
        const all = searchOfferings(rows, query({ sort, limit: '500' })).items.map(key);
        const paged: string[] = [];
        for (let offset = 0; offset < all.length; offset += limit) {
          paged.push(...searchOfferings(rows, query({ sort, limit: String(limit), offset: String(offset) })).items.map(key));
        }
        expect(paged).toEqual(all);
      }),
    );
  });

  it('a price or context filter never matches an offering whose value is unknown', () => {
    const unknown: OfferingRow[] = [{ provider_id: 'x', model_id: 'mystery', provider_model_id: 'mystery' }];
    expect(searchOfferings(unknown, query({ max_input_price: '1000' })).total).toBe(0);
    expect(searchOfferings(unknown, query({ min_context: '0' })).total).toBe(0);
    expect(searchOfferings(unknown, query({ sort: 'input_price' })).items).toHaveLength(1);
  });

  it('sorts unknown prices last and breaks ties by model then provider', () => {
    const withUnknown = [...rows, { provider_id: 'aaa', model_id: 'aaa-model', provider_model_id: 'aaa-model' }];
    const sorted = searchOfferings(withUnknown, query({ sort: 'input_price' })).items;
    expect(sorted.at(-1)?.model_id).toBe('aaa-model');
    expect(sorted.slice(0, -1).map((r) => r.input_price)).toEqual([0.15, 2, 2.5]);
  });

  it('matches every word of the text anywhere in the id, name, vendor or provider', () => {
    expect(searchOfferings(rows, query({ q: 'ACME large beta' })).items.map(key)).toEqual(['beta/chat-large']);
    expect(searchOfferings(rows, query({ q: 'acme/chat-small' })).total).toBe(1);
  });

  it('marks an offering priced per request at run time, so a listed $0 never reads as free', () => {
    const catalog = serveTestCatalog('http://127.0.0.1:9');
    catalog.models.push({ id: 'auto', name: 'Auto Router', metadata: { dynamic_pricing: true }, pricing: { input: usd(0), output: usd(0) } });
    catalog.overrides.push({ provider_id: 'alpha', model_id: 'auto', priority: 50, provider_model_id: 'openrouter/auto' });
    const found = buildOfferingRows(indexCatalog(catalog)).filter((r) => r.model_id === 'auto' || r.model_id === 'chat-small');
    expect(found.map((r) => [r.model_id, r.dynamic_pricing])).toEqual([
      ['auto', true],
      ['chat-small', undefined],
    ]);
  });
});

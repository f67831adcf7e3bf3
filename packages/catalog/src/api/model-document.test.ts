import { describe, expect, it } from 'vitest';
import { stableJson } from '../canonical.ts';
import { indexCatalog } from '../resolve.ts';
import { buildModelDocument } from './model-document.ts';
import { providersFor } from './offerings.ts';
import { pricedCatalog, reversedCatalog } from './test-fixture.ts';

describe('buildModelDocument', () => {
  it('lists who serves the model with each provider id, enabled offerings cheapest first, disabled ones last', () => {
    const doc = buildModelDocument(pricedCatalog(), 'gpt-4o');
    expect(doc?.providers.map((o) => [o.provider_id, o.provider_model_id, o.disabled ?? false])).toEqual([
      ['openai', 'gpt-4o', false],
      ['openrouter', 'openai/gpt-4o', false],
      ['yuan', 'gpt-4o', false],
      ['cheapo', 'gpt-4o', true],
    ]);
  });

  it('orders enabled offerings exactly as providersFor does', () => {
    const index = indexCatalog(pricedCatalog());
    for (const id of ['gpt-4o', 'llama-3.3-70b', 'mystery-model']) {
      const enabled = buildModelDocument(index, id)?.providers.filter((o) => !o.disabled).map((o) => o.provider_id);
      expect(enabled).toEqual(providersFor(index, id).map((o) => o.provider_id));
    }
  });

  it('resolves each offering: a provider price replaces the base one, the rest is inherited', () => {
    const openrouter = buildModelDocument(pricedCatalog(), 'gpt-4o')?.providers.find((o) => o.provider_id === 'openrouter');
    expect(openrouter?.pricing).toEqual({
      input: { per_million_tokens: 2.75, currency: 'USD' },
      output: { per_million_tokens: 10, currency: 'USD' },
      cache_read: { per_million_tokens: 1.25, currency: 'USD' },
    });
    expect(openrouter?.context_window).toBe(128000);
  });

  it('says where each fact came from: the source of a base fact, a person, or the offering layer', () => {
    const doc = buildModelDocument(pricedCatalog(), 'gpt-4o');
    expect(doc?.origins).toEqual({
      name: { layer: 'base' },
      capabilities: { layer: 'base' },
      context_window: { layer: 'base', source: 'openrouter' },
      pricing: { layer: 'base' },
    });
    const openrouter = doc?.providers.find((o) => o.provider_id === 'openrouter');
    expect(openrouter?.origins['pricing.input']).toEqual({ layer: 'auto' });
    expect(openrouter?.origins['pricing.output']).toEqual({ layer: 'base' });
    expect(openrouter?.origins.context_window).toEqual({ layer: 'base', source: 'openrouter' });
    const cheapo = doc?.providers.find((o) => o.provider_id === 'cheapo');
    expect(cheapo).toMatchObject({ disabled: true, reason: 'cheapo stopped serving it' });
    expect(cheapo?.origins.disabled).toEqual({ layer: 'manual' });
  });

  it('keeps provenance out of the model facts and other metadata in', () => {
    const doc = buildModelDocument(pricedCatalog(), 'gpt-4o');
    expect(doc?.model.metadata).toEqual({ source: 'openai' });
    expect(buildModelDocument(pricedCatalog(), 'openrouter-auto')?.model.metadata).toEqual({ dynamic_pricing: true });
  });

  it('leaves unknown facts out rather than filling them', () => {
    const doc = buildModelDocument(pricedCatalog(), 'mystery-model');
    expect(doc?.model).toEqual({ id: 'mystery-model' });
    expect(doc?.origins).toEqual({});
    expect(doc?.providers.map((o) => Object.keys(o).sort())).toEqual([
      ['origins', 'provider_id', 'provider_model_id', 'provider_name'],
      ['origins', 'provider_id', 'provider_model_id', 'provider_name'],
    ]);
  });

  it('finds the model by alias or provider spelling and answers with the base id', () => {
    const byId = stableJson(buildModelDocument(pricedCatalog(), 'llama-3.3-70b'));
    expect(stableJson(buildModelDocument(pricedCatalog(), 'llama-3.3-70b-versatile'))).toBe(byId);
    expect(buildModelDocument(pricedCatalog(), 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
  });

  it('is undefined for a model the catalog does not have', () => {
    expect(buildModelDocument(pricedCatalog(), 'no-such-model')).toBeUndefined();
  });

  it('gives the same bytes whatever the order of the catalog lists', () => {
    const catalog = pricedCatalog();
    expect(stableJson(buildModelDocument(reversedCatalog(catalog), 'gpt-4o'))).toBe(stableJson(buildModelDocument(catalog, 'gpt-4o')));
  });
});

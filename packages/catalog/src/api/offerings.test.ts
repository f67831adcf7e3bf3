import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../integrity.ts';
import { indexCatalog } from '../resolve.ts';
import { findBaseModelId, isValidModel, providersFor } from './offerings.ts';
import { pricedCatalog } from '@llm-catalog/testkit/priced-catalog';

const index = indexCatalog(pricedCatalog());
const route = (model: string) =>
  providersFor(index, model).map((o) => [o.provider_id, o.provider_model_id, o.model.pricing?.input?.per_million_tokens]);

describe('the test catalog', () => {
  it('is valid', () => {
    expect(checkIntegrity(pricedCatalog()).filter((p) => p.severity === 'error')).toEqual([]);
  });
});

describe('providersFor', () => {
  it('lists the providers serving a model, cheapest input first, other currencies after the default one', () => {
    expect(route('gpt-4o')).toEqual([
      ['openai', 'gpt-4o', 2.5],
      ['openrouter', 'openai/gpt-4o', 2.75],
      ['yuan', 'gpt-4o', 1],
    ]);
  });

  it('leaves out disabled offerings', () => {
    expect(route('gpt-4o').map(([id]) => id)).not.toContain('cheapo');
    expect(route('gpt-4-turbo')).toEqual([]);
  });

  it('finds the model by alias or by a provider spelling', () => {
    expect(route('gpt-4o-2024-08-06')).toEqual(route('gpt-4o'));
    expect(route('openai/gpt-4o')).toEqual(route('gpt-4o'));
    expect(route('LLAMA-3.3-70B-VERSATILE')).toEqual(route('llama-3.3-70b'));
  });

  it('puts a free offering first and offerings with an unknown price last', () => {
    expect(route('llama-3.3-70b')).toEqual([
      ['local', 'llama-3.3-70b', 0],
      ['groq', 'llama-3.3-70b-versatile', 0.59],
    ]);
    expect(route('mystery-model')).toEqual([
      ['groq', 'mystery-model', undefined],
      ['local', 'mystery-model', undefined],
    ]);
  });

  it('finds the model by any spelling the identity links, never by a look-alike', () => {
    expect(route('openrouter/openai/GPT-4o')).toEqual(route('gpt-4o'));
    expect(route('accounts/fireworks/models/gpt-4o')).toEqual(route('gpt-4o'));
    expect(route('openai-gpt-4o')).toEqual(route('gpt-4o'));
    expect(route('gpt-4o-mini')).toEqual([]);
    expect(route('gpt-4o-2024-05-13')).toEqual([]);
  });

  it('lists each variant of an offering apart, with its own price, sorted by input then output price', () => {
    const catalog = pricedCatalog();
    const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
    catalog.overrides.push(
      { provider_id: 'openrouter', model_id: 'gpt-4o', variant: 'free', provider_model_id: 'openai/gpt-4o:free', priority: 0, pricing: { input: usd(0), output: usd(0) } },
      { provider_id: 'openai', model_id: 'gpt-4o', variant: 'flex', provider_model_id: 'gpt-4o', priority: 0, pricing: { input: usd(2.5), output: usd(5) } },
    );
    const offerings = providersFor(indexCatalog(catalog), 'openai/gpt-4o:free').filter((o) => o.provider_id !== 'yuan');
    expect(offerings.map((o) => [o.provider_id, o.variant, o.model.pricing?.input?.per_million_tokens, o.model.pricing?.output?.per_million_tokens])).toEqual([
      ['openrouter', 'free', 0, 0],
      ['openai', 'flex', 2.5, 5],
      ['openai', undefined, 2.5, 10],
      ['openrouter', undefined, 2.75, 10],
    ]);
  });

  it('returns nothing for a model the catalog does not know', () => {
    expect(providersFor(index, 'gpt-9')).toEqual([]);
    expect(findBaseModelId(index, 'gpt-9')).toBeUndefined();
  });
});

describe('isValidModel', () => {
  it('accepts a served model by id, alias or provider spelling, in any case', () => {
    expect(isValidModel(index, 'openai', 'gpt-4o')).toBe(true);
    expect(isValidModel(index, 'openai', 'GPT-4o-2024-08-06')).toBe(true);
    expect(isValidModel(index, 'groq', 'llama-3.3-70b-versatile')).toBe(true);
  });

  it('rejects a disabled offering, a model the provider does not serve, and an unknown provider', () => {
    expect(isValidModel(index, 'openai', 'gpt-4-turbo')).toBe(false);
    expect(isValidModel(index, 'groq', 'gpt-4o')).toBe(false);
    expect(isValidModel(index, 'nope', 'gpt-4o')).toBe(false);
  });
});

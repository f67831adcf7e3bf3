import { describe, expect, it } from 'vitest';
import { indexCatalog } from '../resolve.ts';
import { CostEstimateError, type CostRequest, estimateCost } from './cost.ts';
import { pricedCatalog } from '@llm-catalog/testkit/priced-catalog';

const index = indexCatalog(pricedCatalog());
const cost = (request: CostRequest) => estimateCost(index, request);
const failure = (request: CostRequest) => {
  try {
    cost(request);
  } catch (err) {
    if (err instanceof CostEstimateError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a CostEstimateError');
};

describe('estimateCost', () => {
  it('bills cached tokens at the cache-read price and the rest of the input at the input price', () => {
    // 6,000 uncached x $2.50/M = 0.015; 4,000 cached x $1.25/M = 0.005; 500 out x $10/M = 0.005
    expect(cost({ provider: 'openai', model: 'gpt-4o', input_tokens: 10_000, cached_tokens: 4_000, output_tokens: 500 })).toEqual({
      input: 0.015,
      output: 0.005,
      cache: 0.005,
      total: 0.025,
      currency: 'USD',
    });
  });

  it("uses the provider's own price, found by the provider's spelling of the id", () => {
    // openrouter overrides input to $2.75/M and keeps the base $10/M output
    expect(cost({ provider: 'openrouter', model: 'openai/gpt-4o', input_tokens: 1_000_000, output_tokens: 1_000_000 })).toEqual({
      input: 2.75,
      output: 10,
      cache: 0,
      total: 12.75,
      currency: 'USD',
    });
  });

  it('bills cached tokens at the input price when no cache-read price is listed', () => {
    // 2,000 x 0.59/M = 0.00118; 1,000 x 0.59/M = 0.00059; 333 x 0.79/M = 0.00026307
    expect(cost({ provider: 'groq', model: 'llama-3.3-70b', input_tokens: 3_000, cached_tokens: 1_000, output_tokens: 333 })).toEqual({
      input: 0.00118,
      output: 0.00026307,
      cache: 0.00059,
      total: 0.00203307,
      currency: 'USD',
    });
  });

  it('rounds away float noise in the amounts', () => {
    const catalog = pricedCatalog();
    catalog.models.push({ id: 'dime', pricing: { input: { per_million_tokens: 0.1, currency: 'USD' }, output: { per_million_tokens: 0.2, currency: 'USD' } } });
    catalog.overrides.push({ provider_id: 'groq', model_id: 'dime', priority: 0 });
    // 7 x 0.1 is 0.7000000000000001 in binary floating point; 0.1 + 0.2 is 0.30000000000000004
    const estimate = estimateCost(indexCatalog(catalog), { provider: 'groq', model: 'dime', input_tokens: 7_000_000, output_tokens: 1_000_000 });
    expect(estimate).toEqual({ input: 0.7, output: 0.2, cache: 0, total: 0.9, currency: 'USD' });
  });

  it('a free model costs 0, a real amount', () => {
    expect(cost({ provider: 'local', model: 'llama-3.3-70b', input_tokens: 5_000, output_tokens: 5_000 })).toEqual({
      input: 0,
      output: 0,
      cache: 0,
      total: 0,
      currency: 'USD',
    });
  });

  it('needs no output price when no output tokens are asked for', () => {
    // 12,345 x $0.02/M = 0.0002469
    expect(cost({ provider: 'openai', model: 'embed-small', input_tokens: 12_345, output_tokens: 0 }).total).toBe(0.0002469);
  });

  it('keeps the currency the provider charges in', () => {
    // 1,000 x 1/M = 0.001 CNY; 1,000 x 4/M = 0.004 CNY
    expect(cost({ provider: 'yuan', model: 'gpt-4o', input_tokens: 1_000, output_tokens: 1_000 })).toEqual({
      input: 0.001,
      output: 0.004,
      cache: 0,
      total: 0.005,
      currency: 'CNY',
    });
  });

  it('refuses to add prices in different currencies', () => {
    expect(failure({ provider: 'yuan', model: 'gpt-4o', input_tokens: 1_000, cached_tokens: 500, output_tokens: 0 })).toEqual({
      code: 'mixed-currency',
      message: 'yuan/gpt-4o lists its prices in several currencies: CNY, USD',
    });
  });

  it('a model with no price is an error, never 0', () => {
    expect(failure({ provider: 'groq', model: 'mystery-model', input_tokens: 10, output_tokens: 10 })).toEqual({
      code: 'no-price',
      message: 'the catalog has no input price for groq/mystery-model',
    });
    expect(failure({ provider: 'openai', model: 'embed-small', input_tokens: 10, output_tokens: 10 }).message).toBe(
      'the catalog has no output price for openai/embed-small',
    );
  });

  it('says when a model is priced at run time', () => {
    expect(failure({ provider: 'openrouter', model: 'openrouter/auto', input_tokens: 10, output_tokens: 10 }).message).toBe(
      'openrouter/openrouter-auto is priced per request at run time; the catalog has no input price for it',
    );
  });

  it('a disabled offering names its replacement', () => {
    expect(failure({ provider: 'openai', model: 'gpt-4-turbo', input_tokens: 10, output_tokens: 10 })).toEqual({
      code: 'disabled',
      message: 'openai/gpt-4-turbo is disabled (retired from the API); use gpt-4o instead',
    });
  });

  it('rejects unknown providers, unserved models and impossible token counts', () => {
    expect(failure({ provider: 'nope', model: 'gpt-4o', input_tokens: 1, output_tokens: 1 }).code).toBe('unknown-provider');
    expect(failure({ provider: 'groq', model: 'gpt-4o', input_tokens: 1, output_tokens: 1 })).toEqual({
      code: 'not-served',
      message: 'groq does not serve "gpt-4o"',
    });
    expect(failure({ provider: 'openai', model: 'gpt-4o', input_tokens: 10, cached_tokens: 11, output_tokens: 0 }).code).toBe('bad-tokens');
    expect(failure({ provider: 'openai', model: 'gpt-4o', input_tokens: -1, output_tokens: 0 }).message).toBe(
      'input_tokens must be a whole number >= 0 (got -1)',
    );
    expect(failure({ provider: 'openai', model: 'gpt-4o', input_tokens: 1.5, output_tokens: 0 }).code).toBe('bad-tokens');
  });
});

describe('estimateCost: long-context and service-tier prices', () => {
  const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
  const catalog = pricedCatalog();
  catalog.models.push({
    id: 'gpt-5.4',
    pricing: {
      input: usd(2.5),
      output: usd(15),
      cache_read: usd(0.25),
      long_context: [{ above_input_tokens: 272_000, input: usd(5), output: usd(22.5) }],
      service_tiers: {
        batch: { input: usd(1.25), output: usd(7.5) },
        priority: {
          input: usd(5),
          output: usd(30),
          long_context: [{ above_input_tokens: 272_000, input: usd(10), output: usd(45) }],
        },
      },
    },
  });
  catalog.overrides.push({ provider_id: 'openai', model_id: 'gpt-5.4', priority: 0 });
  const tiered = indexCatalog(catalog);
  const at = (request: Omit<CostRequest, 'provider' | 'model'>) =>
    estimateCost(tiered, { provider: 'openai', model: 'gpt-5.4', ...request });

  it('a prompt at the threshold is billed at the list price', () => {
    // 272,000 x $2.50/M = 0.68; 1,000 x $15/M = 0.015
    expect(at({ input_tokens: 272_000, output_tokens: 1_000 })).toEqual({ input: 0.68, output: 0.015, cache: 0, total: 0.695, currency: 'USD' });
  });

  it('a prompt above the threshold bills the whole request at the tier, prices the tier does not list at the list price', () => {
    // 290,000 uncached x $5/M = 1.45; 10,000 cached x $0.25/M (no tier cache price) = 0.0025; 2,000 x $22.50/M = 0.045
    expect(at({ input_tokens: 300_000, cached_tokens: 10_000, output_tokens: 2_000 })).toEqual({
      input: 1.45,
      output: 0.045,
      cache: 0.0025,
      total: 1.4975,
      currency: 'USD',
      long_context_above: 272_000,
    });
  });

  it('--tier batch uses the batch price', () => {
    // 100,000 x $1.25/M = 0.125; 10,000 x $7.50/M = 0.075
    expect(at({ input_tokens: 100_000, output_tokens: 10_000, tier: 'batch' })).toEqual({
      input: 0.125,
      output: 0.075,
      cache: 0,
      total: 0.2,
      currency: 'USD',
      tier: 'batch',
    });
  });

  it('a long prompt in a service tier uses the long-context tier within it', () => {
    // 300,000 x $10/M = 3; 1,000 x $45/M = 0.045
    expect(at({ input_tokens: 300_000, output_tokens: 1_000, tier: 'priority' })).toEqual({
      input: 3,
      output: 0.045,
      cache: 0,
      total: 3.045,
      currency: 'USD',
      tier: 'priority',
      long_context_above: 272_000,
    });
  });

  it('a long prompt in a service tier with no long-context price of its own is an error, not its short-prompt price', () => {
    expect(() => at({ input_tokens: 300_000, output_tokens: 1_000, tier: 'batch' })).toThrow(
      new CostEstimateError('no-price', 'the catalog has no batch price for prompts over 272,000 tokens for openai/gpt-5.4'),
    );
  });

  it('a service tier the catalog does not list is a clear error, not the standard price', () => {
    expect(() => at({ input_tokens: 1_000, output_tokens: 0, tier: 'flex' })).toThrow(
      new CostEstimateError('no-tier', 'the catalog lists no flex price for openai/gpt-5.4 (it lists: batch, priority)'),
    );
    expect(failure({ provider: 'groq', model: 'llama-3.3-70b', input_tokens: 1, output_tokens: 1, tier: 'batch' })).toEqual({
      code: 'no-tier',
      message: 'the catalog lists no batch price for groq/llama-3.3-70b',
    });
  });

  it('a service tier without the price a request needs names the tier', () => {
    expect(() => at({ input_tokens: 1_000, cached_tokens: 0, output_tokens: 0, tier: 'batch' })).not.toThrow();
    const catalogNoOutput = structuredClone(catalog);
    const model = catalogNoOutput.models.find((m) => m.id === 'gpt-5.4');
    if (model?.pricing?.service_tiers) model.pricing.service_tiers.flex = { input: usd(1.25) };
    expect(() =>
      estimateCost(indexCatalog(catalogNoOutput), { provider: 'openai', model: 'gpt-5.4', input_tokens: 10, output_tokens: 10, tier: 'flex' }),
    ).toThrow('the catalog has no flex output price for openai/gpt-5.4');
  });
});

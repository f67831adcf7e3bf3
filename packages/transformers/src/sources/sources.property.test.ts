import { everyPrice } from '@llm-catalog/catalog';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { litellmSpelling, parseLiteLlm } from './litellm.ts';
import { parseModelsDev } from './models-dev.ts';
import { MAX_PLAUSIBLE_PER_MILLION } from './prices.ts';

const known = new Set(['openai', 'groq', 'together']);
const CATALOG_ID: Record<string, string> = { openai: 'openai', groq: 'groq', together_ai: 'together' };

// A price as sources write it: a short decimal, sometimes junk, sometimes absent.
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: -12, max: 2 }))
  .map(([mantissa, exponent]) => Number(`${mantissa}e${exponent}`));
const priceValue = fc.oneof(decimal, decimal, fc.constant(null), fc.constant('free'), fc.constant(-1));
const limitValue = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.constant(null));

const litellmEntry = fc.record(
  {
    litellm_provider: fc.constantFrom('openai', 'groq', 'together_ai', 'replicate', 'chatgpt'),
    mode: fc.constantFrom('chat', 'embedding', 'search', 'image_generation'),
    input_cost_per_token: priceValue,
    output_cost_per_token: priceValue,
    input_cost_per_token_batches: priceValue,
    input_cost_per_token_above_200k_tokens: priceValue,
    output_cost_per_token_above_200k_tokens_priority: priceValue,
    max_input_tokens: limitValue,
    max_output_tokens: limitValue,
    supports_function_calling: fc.boolean(),
    deprecation_date: fc.constantFrom('2026-01-01', 'soon', undefined),
  },
  { requiredKeys: ['litellm_provider'] },
);
const litellmBody = fc.dictionary(
  fc.stringMatching(/^[a-z0-9][a-z0-9./_-]{0,20}$/),
  fc.oneof(litellmEntry, litellmEntry, fc.constant(null), fc.constant('text')),
  { maxKeys: 12 },
);

const cost = fc.record({ input: priceValue, output: priceValue, cache_read: priceValue }, { requiredKeys: [] });
const modelsDevModel = fc.record(
  {
    id: fc.stringMatching(/^[a-z0-9][a-z0-9./-]{0,15}$/),
    name: fc.string(),
    tool_call: fc.boolean(),
    release_date: fc.constantFrom('2025-01-01', '2025-13-01', ''),
    last_updated: fc.constantFrom('2024-06-01', '2025-06-01'),
    modalities: fc.record({ input: fc.subarray(['text', 'image', 'pdf', 'smell']), output: fc.subarray(['text', 'image']) }),
    cost: fc.record(
      { input: priceValue, output: priceValue, tiers: fc.array(fc.record({ input: priceValue, tier: fc.record({ type: fc.constant('context'), size: limitValue }) }), { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    limit: fc.record({ context: limitValue, output: limitValue }),
  },
  { requiredKeys: ['id'] },
);
const modelsDevBody = fc.dictionary(
  fc.constantFrom('openai', 'groq', 'togetherai', 'newhost', 'local'),
  fc.record({
    name: fc.constantFrom('A Host'),
    api: fc.constantFrom('https://api.newhost.example/v1', 'http://127.0.0.1:1/v1', undefined),
    env: fc.constant(['NEWHOST_API_KEY']),
    npm: fc.constant('@ai-sdk/openai-compatible'),
    doc: fc.constant('https://docs.newhost.example'),
    models: fc.dictionary(fc.stringMatching(/^[a-z0-9][a-z0-9./-]{0,15}$/), fc.oneof(modelsDevModel, cost, fc.constant(null)), { maxKeys: 6 }),
  }),
);

/** No written price is outside the plausible range, and no offering carries a source's description. */
function pricesPlausibleNoProse(result: ReturnType<typeof parseLiteLlm>) {
  for (const model of Object.values(result.offerings).flat()) {
    for (const p of everyPrice(model.pricing ?? {})) {
      expect(Number.isFinite(p.amount) && p.amount >= 0 && p.amount <= MAX_PLAUSIBLE_PER_MILLION).toBe(true);
    }
    expect('description' in model).toBe(false);
  }
}

describe('source parsers on generated bodies', () => {
  it('LiteLLM: never throws; every key lands as an offering or is skipped by name; every price is per-token x 1e6 exactly', () => {
    fc.assert(
      fc.property(litellmBody, (body) => {
        const result = parseLiteLlm(body, { known_providers: known });
        pricesPlausibleNoProse(result);
        const offerings = Object.values(result.offerings).flat().length;
        const skipped = new Set(result.warnings.filter((w) => w.skipped).map((w) => w.key));
        expect(offerings + skipped.size).toBe(Object.keys(body).filter((k) => k !== 'sample_spec').length);
        for (const [key, entry] of Object.entries(body)) {
          if (skipped.has(key) || entry === null || typeof entry !== 'object') continue;
          const providerId = CATALOG_ID[entry.litellm_provider] ?? '';
          const spelling = litellmSpelling(key, entry.litellm_provider);
          const model = result.offerings[providerId]?.find((m) => m.provider_model_id === spelling);
          const stated = entry.input_cost_per_token;
          if (model?.pricing?.input && typeof stated === 'number') {
            expect(model.pricing.input.per_million_tokens).toBe(Number((stated * 1e6).toPrecision(15)));
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it('models.dev: never throws; every model lands or is skipped by name; every price is the body value', () => {
    fc.assert(
      fc.property(modelsDevBody, (body) => {
        const result = parseModelsDev(body, { known_providers: known });
        pricesPlausibleNoProse(result);
        const skippedProviders = new Set(result.warnings.filter((w) => w.skipped && w.key === w.source_provider).map((w) => w.key));
        const expected = Object.entries(body)
          .filter(([p]) => !skippedProviders.has(p))
          .reduce((n, [, p]) => n + Object.keys(p.models).length, 0);
        const skippedModels = result.warnings.filter((w) => w.skipped && w.key !== w.source_provider).length;
        expect(Object.values(result.offerings).flat().length + skippedModels).toBe(expected);
        const skippedKeys = new Set(result.warnings.filter((w) => w.skipped).map((w) => w.key));
        for (const [sourceProvider, provider] of Object.entries(body)) {
          for (const [key, model] of Object.entries(provider.models)) {
            if (model === null || !('id' in model) || typeof model.cost?.input !== 'number') continue;
            if (skippedKeys.has(`${sourceProvider}/${key}`)) continue;
            const providerId = sourceProvider === 'togetherai' ? 'together' : sourceProvider;
            const offering = result.offerings[providerId]?.find((m) => m.provider_model_id === model.id);
            if (offering?.pricing?.input) expect(offering.pricing.input.per_million_tokens).toBe(model.cost.input);
          }
        }
      }),
      { numRuns: 250 },
    );
  });
});

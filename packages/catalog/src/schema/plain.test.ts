import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ModelSchema } from './model.ts';
import { OverrideSchema } from './override.ts';
import { isPlainModel, isPlainNormalizedModel, isPlainOverride, plainModelCopy } from './plain.ts';
import { ProviderModelIdSchema } from './common.ts';

// Each field mostly valid, sometimes a value a rule refuses (wrong case, empty, control characters,
// lone surrogates, zero, fractions, unknown enum members, repeats, wrong kinds), so records land on
// both sides of every rule.
const mix = <T,>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: invalid, weight: 1 });
const wrongKind = fc.constantFrom<unknown>(undefined, null, 0, -1, 1.5, 'x', [], {}, true, Number.NaN, Number.POSITIVE_INFINITY);
const modelId = mix(fc.constantFrom('gpt-4o', 'a', 'llama-3.1-8b', 'meta-llama/llama-3', 'ünïcode'), fc.constantFrom('GPT-4o', '', ' x', 'x\u0007', 'x\ud800'));
const spelling = mix(fc.constantFrom('GPT-4o', 'gpt-4o', 'Meta-Llama/Llama-3 8B'), fc.constantFrom('', 'x\u0007', 'x\ud800', 7));
const text = mix(fc.constantFrom('GPT-4o', 'a', 'Ünïcode name'), fc.constantFrom('', 3));
const date = mix(fc.constantFrom('2026-01-01', '2026-02'), fc.constantFrom('2026-13-40', '2026/01/01', '', '2024-01-01'));
// Output and input limits below context windows, and earlier dates below later ones, except where
// the mix picks a value across the line: the cross-field rules see both sides.
const badLimit = fc.constantFrom(0, -5, 1.5, 2 ** 60, '8192', 300_000);
const window = mix(fc.constantFrom(128_000, 200_000), badLimit);
const limit = mix(fc.constantFrom(1, 4096, 8192), badLimit);
const early = mix(fc.constantFrom('2024-06-01', '2025-01'), fc.constantFrom('2026-13-40', '2027-01-01'));
const amount = mix(fc.constantFrom(0, 0.15, 2.5, 1e-12, 75), fc.constantFrom(-1, Number.NaN, Number.POSITIVE_INFINITY, '2.5', null));
const currency = mix(fc.constantFrom('USD', 'EUR'), fc.constantFrom('usd', 'US', ''));
const tokenPrice = mix(
  fc.oneof(fc.record({ per_million_tokens: amount, currency }, { noNullPrototype: true }), fc.record({ currency, per_million_tokens: amount }, { noNullPrototype: true })),
  fc.oneof(fc.record({ per_million_tokens: amount }, { noNullPrototype: true }), fc.record({ per_million_tokens: amount, currency, extra: wrongKind }, { noNullPrototype: true }), wrongKind),
);
const unitPrice = mix(fc.record({ price: amount, currency }, { noNullPrototype: true }), fc.record({ per_million_tokens: amount, currency }, { noNullPrototype: true }));
const pricing = mix(
  fc.record({ input: tokenPrice, output: tokenPrice, cache_read: tokenPrice, per_request: unitPrice }, { requiredKeys: [], noNullPrototype: true }),
  fc.oneof(fc.constant({}), fc.record({ input: tokenPrice, long_context: fc.constant([]), bogus: wrongKind }, { noNullPrototype: true }), wrongKind),
);
const set = (valid: readonly string[], invalid: readonly unknown[], minLength: number) =>
  mix(fc.uniqueArray(fc.constantFrom(...valid), { minLength, maxLength: 3 }), fc.oneof(fc.array(fc.constantFrom(...valid, ...invalid), { maxLength: 4 }), wrongKind));
const capabilities = set(['FUNCTION_CALL', 'REASONING', 'EMBEDDING'], ['function_call', 'TELEPATHY'], 0);
const modalities = set(['TEXT', 'IMAGE', 'AUDIO'], ['text', 'SMELL'], 1);
const provenance = mix(
  fc.record({ source: fc.constantFrom('openrouter', 'models.dev'), as_of: date }, { requiredKeys: ['source'], noNullPrototype: true }),
  fc.oneof(fc.record({ source: fc.constant(''), as_of: date }, { noNullPrototype: true }), fc.record({ as_of: date }, { noNullPrototype: true }), wrongKind),
);
const metadata = mix(
  fc.record(
    {
      source: mix(fc.constantFrom('openai', ''), wrongKind),
      canonical_slug: mix(fc.constant('openai/gpt-4o'), wrongKind),
      dynamic_pricing: mix(fc.boolean(), wrongKind),
      provenance: mix(fc.dictionary(fc.constantFrom('name', 'pricing', 'context_window'), provenance, { maxKeys: 3, noNullPrototype: true }), wrongKind),
      extra: wrongKind,
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
  wrongKind,
);

const modelLike = fc.record(
  {
    id: modelId,
    name: text,
    owned_by: text,
    description: text,
    capabilities,
    input_modalities: modalities,
    output_modalities: modalities,
    context_window: window,
    max_output_tokens: limit,
    max_input_tokens: limit,
    pricing,
    release_date: early,
    last_updated: date,
    status: mix(fc.constantFrom('alpha', 'beta', 'deprecated'), fc.constantFrom('gone', undefined)),
    shutdown_date: date,
    deprecation_date: early,
    aliases: set(['gpt-4o-latest', 'gpt4'], ['GPT4'], 1),
    open_weights: mix(fc.boolean(), wrongKind),
    metadata,
    unknown_key: fc.constant(1),
  },
  { requiredKeys: ['id'], noNullPrototype: true },
).map((m) => {
  // Most records without an unknown key, so that many reach the cross-field rules.
  const { unknown_key: _unknown, ...rest } = m;
  return JSON.stringify(m).length % 11 === 0 ? m : rest;
});

const overrideLike = fc.record(
  {
    provider_id: mix(fc.constantFrom('openai', 'together-ai', 'x1'), fc.constantFrom('Open AI', '', '-x')),
    model_id: modelId,
    variant: mix(fc.constantFrom('free', 'fp8', 'us.east_1'), fc.constantFrom('Free', '', '.x')),
    provider_model_id: spelling,
    priority: mix(fc.constantFrom(0, 10, 50, 100, 150), fc.constantFrom(-1, 1.5, Number.NaN)),
    reason: text,
    disabled: mix(fc.boolean(), wrongKind),
    replace_with: modelId,
    capabilities: mix(
      fc.oneof(fc.record({ add: capabilities, remove: capabilities }, { requiredKeys: [], noNullPrototype: true }), fc.record({ force: capabilities }, { noNullPrototype: true })),
      fc.oneof(fc.record({ add: capabilities, force: capabilities }, { noNullPrototype: true }), wrongKind),
    ),
    limits: mix(fc.record({ context_window: limit, max_output_tokens: limit, max_input_tokens: limit }, { requiredKeys: [], noNullPrototype: true }), wrongKind),
    pricing,
    provenance,
    reasoning: fc.constant({ supported: true }),
  },
  { requiredKeys: ['provider_id', 'model_id', 'priority'], noNullPrototype: true },
).map((o) => {
  const { reasoning: _reasoning, replace_with: _replaceWith, ...rest } = o;
  const pick = JSON.stringify(o).length % 7;
  return pick === 0 ? o : pick === 1 ? { ...rest, replace_with: o.replace_with } : rest;
});

/** A top-level key holding undefined counts as absent, as in the files. */
const withoutUndefined = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));

/** Runs the property and counts how often the hand check said yes, so the test proves it is not vacuous. */
function holdsToSchema(arbitrary: fc.Arbitrary<Record<string, unknown>>, check: (v: Record<string, unknown>) => void, accepts: (v: unknown) => boolean) {
  let accepted = 0;
  fc.assert(
    fc.property(arbitrary, (value) => {
      if (!accepts(value)) return;
      accepted++;
      check(value);
    }),
    { numRuns: 4000 },
  );
  return accepted;
}

describe('plain-shape checks', () => {
  it('a model the hand check accepts is one the schema accepts, and the copy is what the schema gives, keys in order', () => {
    const accepted = holdsToSchema(
      modelLike,
      (value) => {
        const parsed = ModelSchema.safeParse(withoutUndefined(value));
        expect(parsed.success, JSON.stringify(value)).toBe(true);
        expect(JSON.stringify(plainModelCopy(value))).toBe(JSON.stringify(parsed.data));
        expect(plainModelCopy(value)).toStrictEqual(parsed.data);
      },
      isPlainModel,
    );
    expect(accepted).toBeGreaterThan(400);
  });

  it('an override the hand check accepts is one the schema accepts unchanged', () => {
    const accepted = holdsToSchema(
      overrideLike,
      (value) => {
        const parsed = OverrideSchema.safeParse(withoutUndefined(value));
        expect(parsed.success, JSON.stringify(value)).toBe(true);
        expect(parsed.data).toStrictEqual(withoutUndefined(value));
      },
      isPlainOverride,
    );
    expect(accepted).toBeGreaterThan(400);
  });

  it('a normalized model needs a provider spelling the schema accepts', () => {
    const normalizedLike = fc.tuple(modelLike, spelling, fc.constantFrom('free', undefined, undefined, '')).map(([m, spelling, variant]) => ({
      ...m,
      provider_model_id: spelling,
      ...(variant === undefined ? {} : { variant }),
    }));
    const accepted = holdsToSchema(
      normalizedLike,
      (value) => {
        const { provider_model_id: spelling, variant, ...model } = value;
        expect(ProviderModelIdSchema.safeParse(spelling).success).toBe(true);
        expect(variant === undefined || (typeof variant === 'string' && variant.length > 0)).toBe(true);
        expect(ModelSchema.safeParse(model).success, JSON.stringify(value)).toBe(true);
      },
      isPlainNormalizedModel,
    );
    expect(accepted).toBeGreaterThan(250);
  });

  it('takes the common shapes a sync writes, and leaves the rare ones to the schema', () => {
    const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
    const model = {
      id: 'gpt-4o',
      name: 'GPT-4o',
      capabilities: ['FUNCTION_CALL'],
      input_modalities: ['TEXT', 'IMAGE'],
      context_window: 128_000,
      max_output_tokens: 16_384,
      pricing: { input: usd(2.5), output: usd(10) },
      metadata: { source: 'openai', provenance: { name: { source: 'openai', as_of: '2026-11-30' } } },
    };
    expect(isPlainModel(model)).toBe(true);
    expect(isPlainModel({ ...model, max_output_tokens: 200_000 })).toBe(false);
    expect(isPlainModel({ ...model, pricing: { ...model.pricing, long_context: [{ above_input_tokens: 200_000, input: usd(5) }] } })).toBe(false);
    const override = {
      provider_id: 'openai',
      model_id: 'gpt-4o',
      priority: 50,
      pricing: { input: usd(2.5) },
      provenance: { source: 'openai', as_of: '2026-11-30' },
    };
    expect(isPlainOverride(override)).toBe(true);
    expect(isPlainOverride({ ...override, reasoning: { supported: true } })).toBe(false);
    expect(isPlainOverride({ ...override, replace_with: 'gpt-5' })).toBe(false);
  });
});

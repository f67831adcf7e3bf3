import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalModel, canonicalOverrides, canonicalPricing, canonicalValue, stableJson } from './canonical.ts';

describe('stableJson', () => {
  it('writes empty arrays and objects as [] and {}', () => {
    expect(stableJson({ models: [], headers: {}, nested: [{}] })).toBe(
      '{\n  "headers": {},\n  "models": [],\n  "nested": [\n    {}\n  ]\n}\n',
    );
  });

  it('leaves brackets and newlines inside strings alone', () => {
    const value = { description: '[\n  ]', note: '{\n}' };
    expect(JSON.parse(stableJson(value))).toEqual(value);
  });

  it('puts identity keys first, in their fixed order, then the rest alphabetically', () => {
    const text = stableJson({ zeta: 1, priority: 0, model_id: 'm', alpha: 2, provider_id: 'p', name: 'n', id: 'i' });
    expect(Object.keys(JSON.parse(text))).toEqual(['id', 'provider_id', 'model_id', 'priority', 'name', 'alpha', 'zeta']);
  });

  it('writes the same text whether a value arrives in key order or in any other', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reversed)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)]))
          : v;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = stableJson(value);
        return stableJson(reversed(value)) === text && stableJson(JSON.parse(text)) === text;
      }),
    );
  });

  it('leaves out undefined keys wherever they are, in an object already in key order or not', () => {
    const expected = '{\n  "id": "m",\n  "pricing": {\n    "input": 1\n  }\n}\n';
    expect(stableJson({ id: 'm', pricing: { input: 1, output: undefined } })).toBe(expected);
    expect(stableJson({ pricing: { output: undefined, input: 1 }, id: 'm' })).toBe(expected);
  });
});

describe('stableJson and keys named __proto__', () => {
  it('keeps a key named __proto__ read from a file instead of turning it into a prototype', () => {
    const value = JSON.parse('{"metadata": {"__proto__": {"polluted": true}, "a": 1}}') as unknown;
    expect(stableJson(value)).toBe('{\n  "metadata": {\n    "__proto__": {\n      "polluted": true\n    },\n    "a": 1\n  }\n}\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('canonical lists', () => {
  it('sorts overrides by provider, then model, then numeric priority', () => {
    const sorted = canonicalOverrides([
      { provider_id: 'b', model_id: 'a', priority: 0 },
      { provider_id: 'a', model_id: 'b', priority: 100, reason: 'r' },
      { provider_id: 'a', model_id: 'b', priority: 20 },
      { provider_id: 'a', model_id: 'a', priority: 0 },
    ]);
    expect(sorted.map((o) => `${o.provider_id}/${o.model_id}@${o.priority}`)).toEqual(['a/a@0', 'a/b@20', 'a/b@100', 'b/a@0']);
  });
});

describe('canonicalPricing', () => {
  const amount = fc.oneof(fc.constantFrom(0, 0.15, 0.8999999999999999, 2.5, 1e-7), fc.double({ min: 0, max: 1000, noNaN: true }));
  const tokenPrice = fc.oneof(
    fc.record({ per_million_tokens: amount, currency: fc.constantFrom('USD', 'EUR') }),
    fc.record({ currency: fc.constantFrom('USD'), per_million_tokens: amount }),
  );
  const unitPrice = fc.record({ price: amount, currency: fc.constant('USD') });
  const pricing = fc.record(
    {
      output: tokenPrice,
      input: tokenPrice,
      cache_read: tokenPrice,
      reasoning: tokenPrice,
      per_request: unitPrice,
      per_image: unitPrice,
      long_context: fc.constant(null).map(() => [{ above_input_tokens: 200_000, input: { per_million_tokens: 5, currency: 'USD' } }]),
    },
    { requiredKeys: [] },
  );

  it('gives what the general canonical copy gives, key order included', () => {
    fc.assert(
      fc.property(pricing, (p) => {
        expect(JSON.stringify(canonicalPricing(p))).toBe(JSON.stringify(canonicalValue(p)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('canonicalModel', () => {
  const usd = (n: number) => ({ currency: 'USD', per_million_tokens: n });
  const model = fc.record(
    {
      id: fc.constantFrom('gpt-4o', 'claude-sonnet-4-5'),
      name: fc.constant('GPT-4o'),
      owned_by: fc.constant('openai'),
      capabilities: fc.uniqueArray(fc.constantFrom('REASONING', 'FUNCTION_CALL', 'EMBEDDING'), { maxLength: 3 }),
      input_modalities: fc.uniqueArray(fc.constantFrom('TEXT', 'IMAGE', 'AUDIO'), { minLength: 1, maxLength: 3 }),
      context_window: fc.constantFrom(8192, 128_000),
      pricing: fc.record({ output: fc.constant(usd(0.8999999999999999)), input: fc.constant(usd(2.5)) }, { requiredKeys: [] }),
      release_date: fc.constant('2026-01-01'),
      aliases: fc.uniqueArray(fc.constantFrom('gpt-4o-latest', 'chatgpt-4o'), { minLength: 1, maxLength: 2 }),
      metadata: fc.record(
        {
          source: fc.constant('openai'),
          provenance: fc.dictionary(fc.constantFrom('name', 'pricing', 'context_window'), fc.constant({ source: 'openai', as_of: '2026-01-01' })),
          hugging_face_id: fc.constant('openai/gpt-oss-120b'),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['id'] },
  );

  it('gives what the general canonical copy gives, key order included', () => {
    fc.assert(
      fc.property(model, fc.boolean(), (m, shuffle) => {
        const input = shuffle ? Object.fromEntries(Object.entries(m).reverse()) : m;
        expect(JSON.stringify(canonicalModel(input as never))).toBe(JSON.stringify(canonicalValue(input)));
        expect(JSON.stringify(canonicalModel(input as never, true))).toBe(JSON.stringify(canonicalValue(input)));
      }),
      { numRuns: 1000 },
    );
  });
});

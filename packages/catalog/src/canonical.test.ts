import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalOverrides, stableJson } from './canonical.ts';

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

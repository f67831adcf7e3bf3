import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparisonKey, sameValue, sameValueExcept } from './same-value.ts';

describe('sameValue', () => {
  it('compares lists of strings as sets', () => {
    expect(sameValue(['REASONING', 'FUNCTION_CALL'], ['FUNCTION_CALL', 'REASONING'])).toBe(true);
    expect(sameValue(['REASONING'], ['REASONING', 'FUNCTION_CALL'])).toBe(false);
  });

  it('compares prices after rounding away float noise', () => {
    expect(sameValue({ per_million_tokens: 0.8999999999999999, currency: 'USD' }, { currency: 'USD', per_million_tokens: 0.9 })).toBe(true);
    expect(sameValue({ per_million_tokens: 0.9, currency: 'USD' }, { per_million_tokens: 0.9, currency: 'EUR' })).toBe(false);
  });

  it('treats a key holding undefined as absent', () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue(undefined, { a: 1 })).toBe(false);
  });
});

describe('sameValue against comparison keys', () => {
  // Small pools, so that equal and nearly equal values meet often.
  const leaf = fc.oneof(
    fc.constantFrom(0.9, 0.8999999999999999, 1, 2, 'USD', 'EUR', 'TEXT', 'IMAGE', true, null),
    fc.constant(undefined),
  );
  const value = fc.letrec((tie) => ({
    any: fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: tie('list') }, { weight: 1, arbitrary: tie('record') }),
    // No undefined in a list: JSON writes it as null, an accident of the text that no fact relies on.
    list: fc.oneof(
      fc.array(fc.constantFrom('TEXT', 'IMAGE', 'AUDIO'), { maxLength: 3 }),
      fc.array(tie('any').filter((v) => v !== undefined), { maxLength: 3 }),
    ),
    record: fc.dictionary(fc.constantFrom('a', 'b', 'currency', 'per_million_tokens'), tie('any'), { maxKeys: 3, noNullPrototype: true }),
  })).any;

  it('says what comparing the two comparison keys says', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameValue(a, b)).toBe(comparisonKey(a) === comparisonKey(b));
        expect(sameValue(a, a)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('sameValueExcept', () => {
  it('compares two overrides without their provenance', () => {
    const a: { model_id: string; priority: number; provenance?: { source: string; as_of: string } } = {
      model_id: 'gpt-4o',
      priority: 50,
      provenance: { source: 'openai', as_of: '2026-01-01' },
    };
    expect(sameValueExcept(a, { ...a, provenance: { source: 'openai', as_of: '2026-11-30' } }, 'provenance')).toBe(true);
    expect(sameValueExcept(a, { ...a, priority: 10 }, 'provenance')).toBe(false);
    expect(sameValueExcept(a, { model_id: 'gpt-4o', priority: 50 }, 'provenance')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { sameValue } from './same-value.ts';

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

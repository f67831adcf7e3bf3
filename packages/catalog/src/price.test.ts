import { describe, expect, it } from 'vitest';
import { perTokenToPerMillion, roundPrice } from './price.ts';

describe('roundPrice', () => {
  it('removes binary float noise', () => {
    expect(roundPrice(0.1 + 0.2)).toBe(0.3);
    expect(roundPrice(0.8999999999999999)).toBe(0.9);
  });

  it('keeps every digit a real price has', () => {
    expect(roundPrice(0.0375)).toBe(0.0375);
    expect(roundPrice(1234.5678)).toBe(1234.5678);
    expect(roundPrice(0)).toBe(0);
  });
});

describe('perTokenToPerMillion', () => {
  it.each([
    ['0.0000025', 2.5],
    ['0.00000015', 0.15],
    ['0.000015', 15],
    ['0', 0],
    ['1', 1000000],
    [0.0000025, 2.5],
    ['2.5e-6', 2.5],
  ])('%j per token is %d per million', (input, expected) => {
    expect(perTokenToPerMillion(input)).toBe(expected);
  });

  it.each(['-1', '', 'free', '.', 'NaN'])('%j is not a price', (input) => {
    expect(perTokenToPerMillion(input)).toBeUndefined();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perTokenToPerMillion, roundPrice, shiftDecimal } from './price.ts';

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
    [2.25e-5, 22.5],
    [1.3e-10, 0.00013],
    ['3E-07', 0.3],
  ])('%j per token is %d per million', (input, expected) => {
    expect(perTokenToPerMillion(input)).toBe(expected);
  });

  it.each(['-1', '', 'free', '.', 'NaN'])('%j is not a price', (input) => {
    expect(perTokenToPerMillion(input)).toBeUndefined();
  });
});

describe('shiftDecimal', () => {
  it('moves the decimal point of the text, in either notation, exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: -20, max: 5 }), fc.integer({ min: 0, max: 9 }), (mantissa, exp, places) => {
        // Number() of a decimal text is the float nearest the exact decimal, so this is the exact product.
        const exact = Number(`${mantissa}e${exp + places}`);
        expect(shiftDecimal(`${mantissa}e${exp}`, places)).toBe(exact);
        expect(shiftDecimal(Number(`${mantissa}e${exp}`), places)).toBe(exact);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['-1', '1e', 'e5', '1.2.3', '0x10', ' '])('%j is not a decimal', (input) => {
    expect(shiftDecimal(input, 6)).toBeUndefined();
  });
});

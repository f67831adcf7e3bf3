import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, joinColumns, padColumns, plural } from './format.ts';

describe('display formatting', () => {
  it('shows dollars with a sign and other currencies by code, amounts exactly as stored', () => {
    expect(formatMoney(2.5, 'USD')).toBe('$2.5');
    expect(formatMoney(0.075)).toBe('$0.075');
    expect(formatMoney(14, 'CNY')).toBe('14 CNY');
    expect(formatMoney(0, 'USD')).toBe('$0');
  });

  it('groups digits of counts and limits', () => {
    expect(formatCount(1048576)).toBe('1,048,576');
  });

  it('groups a whole count exactly as the en-US locale does, negative and fractional ones too', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => formatCount(n) === n.toLocaleString('en-US')));
    expect(formatCount(-1234567)).toBe('-1,234,567');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1234.5678)).toBe('1,234.568');
  });

  it('pluralizes by count', () => {
    expect(plural(1, 'model')).toBe('1 model');
    expect(plural(0, 'model')).toBe('0 models');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('padColumns', () => {
  it('lines columns up, right-aligns where asked, and leaves a left-aligned last column unpadded', () => {
    const rows = [
      ['provider', 'status', 'fetched'],
      ['groq', 'updated', '14'],
      ['openrouter', 'failed', '-'],
    ];
    expect(padColumns(rows, ['left', 'left', 'right']).map(joinColumns)).toEqual([
      'provider    status   fetched',
      'groq        updated       14',
      'openrouter  failed         -',
    ]);
    expect(padColumns([['a', 'last'], ['longer', 'x']]).map(joinColumns)).toEqual(['a       last', 'longer  x']);
  });
});

import type { PriceChange } from './types.ts';

/** `$2.5` for US dollars, `2.5 EUR` otherwise: prices are shown exactly as stored, never re-rounded. */
export function formatMoney(amount: number, currency: string | undefined): string {
  return currency === undefined || currency === 'USD' ? `$${amount}` : `${amount} ${currency}`;
}

export function formatPriceSide(change: PriceChange, side: 'old' | 'new'): string | undefined {
  const amount = change[side];
  return amount === undefined ? undefined : formatMoney(amount, change[side === 'old' ? 'old_currency' : 'new_currency']);
}

/** `+80 %`, `-12.5 %`, `0 %`. */
export function formatPercent(pct: number): string {
  return `${pct > 0 ? '+' : ''}${pct} %`;
}

/** `128,000`: grouping makes limits readable at a glance. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** What the price key means: token prices are per million tokens, the rest per unit. */
export function priceLabel(change: Pick<PriceChange, 'key' | 'unit'>): string {
  return change.unit === 'per_million_tokens' ? `${change.key} /1M` : change.key;
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

import { formatMoney } from '@llm-catalog/catalog';
import type { PriceChange } from './types.ts';

export function formatPriceSide(change: PriceChange, side: 'old' | 'new'): string | undefined {
  const amount = change[side];
  return amount === undefined ? undefined : formatMoney(amount, change[side === 'old' ? 'old_currency' : 'new_currency']);
}

/** `+80 %`, `-12.5 %`, `0 %`. */
export function formatPercent(pct: number): string {
  return `${pct > 0 ? '+' : ''}${pct} %`;
}

/** What the price key means: token prices are per million tokens, the rest per unit. */
export function priceLabel(change: Pick<PriceChange, 'key' | 'unit'>): string {
  return change.unit === 'per_million_tokens' ? `${change.key} /1M` : change.key;
}

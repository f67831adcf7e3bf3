import type { TokenPrice } from '@llm-catalog/catalog';

/** `$2.5` for US dollars, `2.5 CNY` otherwise; amounts exactly as stored. */
export function formatMoney(amount: number, currency: string): string {
  return currency === 'USD' ? `$${amount}` : `${amount} ${currency}`;
}

/** A per-million-token price, or `-` when unknown (never `0`, which means free). */
export function formatTokenPrice(price: TokenPrice | undefined): string {
  return price ? formatMoney(price.per_million_tokens, price.currency) : '-';
}

/** `128,000`. */
export function formatCount(n: number | undefined): string {
  return n === undefined ? '-' : n.toLocaleString('en-US');
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

import { formatCount as groupDigits, formatMoney, type TokenPrice } from '@llm-catalog/catalog';

export { formatMoney, plural } from '@llm-catalog/catalog';

/** A per-million-token price, or `-` when unknown (never `0`, which means free). */
export function formatTokenPrice(price: TokenPrice | undefined): string {
  return price ? formatMoney(price.per_million_tokens, price.currency) : '-';
}

/** `128,000`, or `-` when unknown. */
export function formatCount(n: number | undefined): string {
  return n === undefined ? '-' : groupDigits(n);
}

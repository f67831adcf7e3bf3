import { forEachPrice, type Pricing, priceAmount, TOKEN_PRICE_KEYS } from '../schema/pricing.ts';
import { type Finding, problem } from './rule.ts';

/**
 * A per-million price below this is almost certainly a per-token price pasted into the wrong unit:
 * the cheapest real prices are around $0.005 per million tokens, the dearest per-token prices about
 * $0.0006.
 */
export const MIN_PLAUSIBLE_PER_MILLION = 0.001;

const TOKEN_PRICE_KEY_SET: ReadonlySet<string> = new Set(TOKEN_PRICE_KEYS);

/**
 * The token prices of a price list, long-context and service tiers included, that are implausibly
 * small (see MIN_PLAUSIBLE_PER_MILLION), as [path, amount].
 */
export function implausibleTokenPrices(pricing: Pricing | undefined): [string, number][] {
  const out: [string, number][] = [];
  // Checked for every offering of the catalog at every load: paths are built for the hits alone.
  if (pricing) {
    forEachPrice(pricing, (prefix, key, price) => {
      const amount = priceAmount(price);
      if (TOKEN_PRICE_KEY_SET.has(key) && amount > 0 && amount < MIN_PLAUSIBLE_PER_MILLION) out.push([prefix + key, amount]);
    });
  }
  return out;
}

export const implausiblePriceMessage = (amount: number) =>
  `${amount} per million tokens is implausibly small; is it a per-token price? (multiply by 1,000,000)`;

/** A rule for any entry with a price list: each token price that looks like a per-token price. */
export const implausiblePrices = (entry: { pricing?: Pricing }): Finding[] =>
  implausibleTokenPrices(entry.pricing).map(([key, amount]) =>
    problem('implausible-price', implausiblePriceMessage(amount), { field: `pricing.${key}.per_million_tokens` }),
  );

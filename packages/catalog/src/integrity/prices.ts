import { everyPrice, type Pricing, TOKEN_PRICE_KEYS } from '../schema/pricing.ts';
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
  if (!pricing) return [];
  // Flat prices (nearly every entry) are read in place: this runs for every entry of a sync.
  if (pricing.long_context === undefined && pricing.service_tiers === undefined) {
    const found: [string, number][] = [];
    for (const key of TOKEN_PRICE_KEYS) {
      const amount = pricing[key]?.per_million_tokens;
      if (amount !== undefined && amount > 0 && amount < MIN_PLAUSIBLE_PER_MILLION) found.push([key, amount]);
    }
    return found;
  }
  return everyPrice(pricing).flatMap(({ path, amount }): [string, number][] =>
    TOKEN_PRICE_KEY_SET.has(path.slice(path.lastIndexOf('.') + 1)) && amount > 0 && amount < MIN_PLAUSIBLE_PER_MILLION
      ? [[path, amount]]
      : [],
  );
}

export const implausiblePriceMessage = (amount: number) =>
  `${amount} per million tokens is implausibly small; is it a per-token price? (multiply by 1,000,000)`;

/** A rule for any entry with a price list: each token price that looks like a per-token price. */
export const implausiblePrices = (entry: { pricing?: Pricing }): Finding[] =>
  implausibleTokenPrices(entry.pricing).map(([key, amount]) =>
    problem('implausible-price', implausiblePriceMessage(amount), { field: `pricing.${key}.per_million_tokens` }),
  );

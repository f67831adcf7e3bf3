import { type LongContextTier, MIN_PLAUSIBLE_PER_MILLION, shiftDecimal, type TokenPrice, type TokenPriceKey } from '@llm-catalog/catalog';
import { tokenPrice } from '../pricing.ts';
import type { EntryReport } from './collect.ts';

/**
 * No real token price reaches this many USD per million tokens (the dearest list prices are in the
 * hundreds). A value beyond it is a unit mistake in the source, such as a per-million price written
 * into a per-token field, and the entry is skipped rather than priced a thousand times too high.
 */
export const MAX_PLAUSIBLE_PER_MILLION = 1_000;

/** How a source writes token prices: USD per token (LiteLLM) or per million tokens (models.dev). */
export type PriceScale = 'per-token' | 'per-million';

/** The token prices of one price block: catalog key -> the source's field name. */
export type TokenPriceFields = Partial<Record<TokenPriceKey, string>>;

/**
 * One token price from a source value. A per-token value becomes per-million by moving the decimal
 * point in its text (never a float multiply); a per-million value is taken as it is. A value that is
 * not a number is left out with a warning. One outside the catalog's plausible range rejects the
 * whole entry: above the maximum it is a unit mistake; below `validate`'s minimum (real but tiny
 * prices exist, Fireworks prices image models at 1.3e-10 per token) the catalog could not hold it,
 * and a skipped entry is better than a refused import.
 */
export function sourceTokenPrice(value: unknown, field: string, scale: PriceScale, report: EntryReport): TokenPrice | undefined {
  if (value === undefined || value === null) return undefined;
  const perMillion =
    typeof value === 'number' || typeof value === 'string' ? shiftDecimal(value, scale === 'per-token' ? 6 : 0) : undefined;
  if (perMillion === undefined) {
    report.warn(`${field}: ${JSON.stringify(value)} is not a price; left out`);
    return undefined;
  }
  if (perMillion > MAX_PLAUSIBLE_PER_MILLION) {
    report.reject(
      `${field}: ${JSON.stringify(value)} is ${perMillion} USD per million tokens, beyond any real price ` +
        `(over ${MAX_PLAUSIBLE_PER_MILLION}); probably a unit mistake`,
    );
    return undefined;
  }
  if (perMillion > 0 && perMillion < MIN_PLAUSIBLE_PER_MILLION) {
    report.reject(
      `${field}: ${JSON.stringify(value)} is ${perMillion} USD per million tokens, below the smallest price the ` +
        `catalog accepts (${MIN_PLAUSIBLE_PER_MILLION})`,
    );
    return undefined;
  }
  return tokenPrice(perMillion);
}

/** The token prices named by `fields` that `raw` holds; undefined when it holds none. */
export function tokenPricesOf(
  raw: Readonly<Record<string, unknown>>,
  fields: TokenPriceFields,
  scale: PriceScale,
  report: EntryReport,
  fieldPrefix = '',
): Partial<Record<TokenPriceKey, TokenPrice>> | undefined {
  const out: Partial<Record<TokenPriceKey, TokenPrice>> = {};
  for (const [key, field] of Object.entries(fields) as [TokenPriceKey, string][]) {
    const price = sourceTokenPrice(raw[field], `${fieldPrefix}${field}`, scale, report);
    if (price) out[key] = price;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Long-context tiers in the order the schema wants (ascending thresholds, each once). A tier that
 * repeats a threshold is left out with a warning, the first one kept.
 */
export function sortedTiers(tiers: readonly LongContextTier[], field: string, report: EntryReport): LongContextTier[] | undefined {
  const byThreshold = new Map<number, LongContextTier>();
  for (const tier of tiers) {
    if (byThreshold.has(tier.above_input_tokens)) {
      report.warn(`${field}: a second tier above ${tier.above_input_tokens} tokens left out`);
    } else {
      byThreshold.set(tier.above_input_tokens, tier);
    }
  }
  const sorted = [...byThreshold.values()].sort((a, b) => a.above_input_tokens - b.above_input_tokens);
  return sorted.length > 0 ? sorted : undefined;
}

import {
  type LongContextTier,
  type Pricing,
  perTokenToPerMillion,
  type PriceKey,
  roundPrice,
  type TOKEN_PRICE_KEYS,
  type TokenPrice,
  type UnitPrice,
} from '@llm-catalog/catalog';

export const DEFAULT_CURRENCY = 'USD';

type TokenPriceKey = (typeof TOKEN_PRICE_KEYS)[number];
type UnitPriceKey = Exclude<PriceKey, TokenPriceKey>;

/** A price list under construction: only prices the source really gave are set. */
export type PricingDraft = Partial<Record<TokenPriceKey, TokenPrice> & Record<UnitPriceKey, UnitPrice>> &
  Pick<Pricing, 'long_context'>;

export const tokenPrice = (perMillion: number, currency = DEFAULT_CURRENCY): TokenPrice => ({
  per_million_tokens: roundPrice(perMillion),
  currency,
});

export const unitPrice = (price: number, currency = DEFAULT_CURRENCY): UnitPrice => ({
  price: roundPrice(price),
  currency,
});

/** An empty price list says nothing: omit `pricing` instead. */
export const pricingOrUndefined = (draft: PricingDraft): Pricing | undefined =>
  Object.keys(draft).length > 0 ? draft : undefined;

/** OpenRouter's price keys, which Groq's body reuses, and where each goes in the catalog. */
const PER_TOKEN_KEYS: Record<string, TokenPriceKey> = {
  prompt: 'input',
  completion: 'output',
  input_cache_read: 'cache_read',
  input_cache_write: 'cache_write',
  internal_reasoning: 'reasoning',
  audio: 'input_audio',
};
const PER_UNIT_KEYS: Record<string, UnitPriceKey> = {
  image: 'per_image',
  request: 'per_request',
  web_search: 'per_web_search',
};

/** OpenRouter's sentinel for a router priced per request at run time: not a price, and not negative. */
const DYNAMIC_PRICE = '-1';

export interface PerTokenPricing {
  pricing?: Pricing;
  /** Some price was the dynamic-price sentinel. */
  dynamic: boolean;
}

/** Conditions of an OpenRouter price override other than the prompt size: a time window. */
const TIME_CONDITIONS = ['utc_start', 'utc_end'];

/**
 * OpenRouter's `pricing.overrides`: conditional prices, each applying when all its conditions hold.
 * One whose only condition is `min_prompt_tokens` is a long-context price for the whole request; a
 * time-limited one (a promotion) is not a list price and is left out with a warning.
 */
function longContextOverrides(raw: unknown, warn: (message: string) => void): LongContextTier[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const tiers = new Map<number, LongContextTier>();
  raw.forEach((override: unknown, i) => {
    const field = `pricing.overrides[${i}]`;
    if (typeof override !== 'object' || override === null || Array.isArray(override)) return;
    const o = override as Record<string, unknown>;
    const threshold = typeof o.min_prompt_tokens === 'number' ? o.min_prompt_tokens : Number.NaN;
    if (TIME_CONDITIONS.some((c) => o[c] !== undefined && o[c] !== null) || !Number.isInteger(threshold) || threshold <= 0) {
      warn(`${field}: not a long-context price (only prompt-size conditions are kept); left out`);
      return;
    }
    const prices: PricingDraft = {};
    for (const [key, value] of Object.entries(o)) {
      const tokenKey = PER_TOKEN_KEYS[key];
      const perMillion = tokenKey && (typeof value === 'string' || typeof value === 'number') ? perTokenToPerMillion(value) : undefined;
      if (tokenKey && perMillion !== undefined) prices[tokenKey] = tokenPrice(perMillion);
    }
    if (Object.keys(prices).length === 0) warn(`${field}: no token price; left out`);
    else if (tiers.has(threshold)) warn(`${field}: a second price above ${threshold} tokens; left out`);
    else tiers.set(threshold, { above_input_tokens: threshold, ...prices });
  });
  return tiers.size > 0 ? [...tiers.values()].sort((a, b) => a.above_input_tokens - b.above_input_tokens) : undefined;
}

/**
 * Reads a price object whose values are decimal strings in USD per token (per unit for image,
 * request and web search), as OpenRouter and Groq send them. Token prices become per-million by
 * moving the decimal point, so no float noise is added. `overrides` gives the long-context prices;
 * keys this catalog has no place for are left out.
 */
export function perTokenPricing(raw: Record<string, unknown>, warn: (message: string) => void): PerTokenPricing {
  const draft: PricingDraft = {};
  let dynamic = false;
  const longContext = longContextOverrides(raw.overrides, warn);
  for (const [key, value] of Object.entries(raw)) {
    const tokenKey = PER_TOKEN_KEYS[key];
    const unitKey = PER_UNIT_KEYS[key];
    if (!tokenKey && !unitKey) continue;
    if (value === null || value === undefined || typeof value === 'object') continue;
    const s = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : undefined;
    if (s === DYNAMIC_PRICE) {
      dynamic = true;
      continue;
    }
    if (tokenKey) {
      const perMillion = s === undefined ? undefined : perTokenToPerMillion(s);
      if (perMillion === undefined) warn(`pricing.${key}: ${JSON.stringify(value)} is not a price; left out`);
      else draft[tokenKey] = tokenPrice(perMillion);
    } else if (unitKey) {
      const price = s === undefined || s === '' ? Number.NaN : Number(s);
      if (!Number.isFinite(price) || price < 0) warn(`pricing.${key}: ${JSON.stringify(value)} is not a price; left out`);
      else draft[unitKey] = unitPrice(price);
    }
  }
  const pricing = pricingOrUndefined(longContext ? { ...draft, long_context: longContext } : draft);
  return pricing ? { pricing, dynamic } : { dynamic };
}

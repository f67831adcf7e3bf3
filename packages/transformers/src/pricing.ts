import {
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
export type PricingDraft = Partial<Record<TokenPriceKey, TokenPrice> & Record<UnitPriceKey, UnitPrice>>;

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

/**
 * Reads a price object whose values are decimal strings in USD per token (per unit for image,
 * request and web search), as OpenRouter and Groq send them. Token prices become per-million by
 * moving the decimal point, so no float noise is added. A value that is an object or array
 * (OpenRouter's long-context tiers) is a conditional price, not the list price, and is left out;
 * keys this catalog has no place for are left out too.
 */
export function perTokenPricing(raw: Record<string, unknown>, warn: (message: string) => void): PerTokenPricing {
  const draft: PricingDraft = {};
  let dynamic = false;
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
  const pricing = pricingOrUndefined(draft);
  return pricing ? { pricing, dynamic } : { dynamic };
}

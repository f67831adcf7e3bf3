import { z } from 'zod';
import { CurrencySchema, PriceAmountSchema, TokenLimitSchema } from './common.ts';

/** A price per million tokens. */
export const TokenPriceSchema = z.strictObject({
  per_million_tokens: PriceAmountSchema,
  currency: CurrencySchema,
});

/** A price per unit that is not a token: one image, one request, one web search. */
export const UnitPriceSchema = z.strictObject({
  price: PriceAmountSchema,
  currency: CurrencySchema,
});

const tokenPricesShape = {
  input: TokenPriceSchema.optional(),
  output: TokenPriceSchema.optional(),
  cache_read: TokenPriceSchema.optional(),
  cache_write: TokenPriceSchema.optional(),
  reasoning: TokenPriceSchema.optional(),
  input_audio: TokenPriceSchema.optional(),
  output_audio: TokenPriceSchema.optional(),
};

const pricingShape = {
  ...tokenPricesShape,
  per_image: UnitPriceSchema.optional(),
  per_request: UnitPriceSchema.optional(),
  per_web_search: UnitPriceSchema.optional(),
};

/** The flat list prices: each value is one `TokenPrice` or `UnitPrice`. */
export const PRICE_KEYS = Object.keys(pricingShape) as (keyof typeof pricingShape)[];
export const TOKEN_PRICE_KEYS = [
  'input',
  'output',
  'cache_read',
  'cache_write',
  'reasoning',
  'input_audio',
  'output_audio',
] as const satisfies readonly (keyof typeof tokenPricesShape)[];

const notEmpty = (what: string) => [
  (p: object) => Object.keys(p).length > 0,
  `${what} must not be empty (omit it when unknown)`,
] as const;

/**
 * Prices that apply instead of the list prices when a request's prompt has more than
 * `above_input_tokens` tokens. The whole request is then billed at these prices, not only the tokens
 * past the threshold, which is how Google, Anthropic, OpenAI and Alibaba bill long prompts.
 */
export const LongContextTierSchema = z
  .strictObject({
    above_input_tokens: TokenLimitSchema,
    ...tokenPricesShape,
  })
  .refine((t) => Object.keys(t).length > 1, 'a long-context tier needs at least one price');

/** Tiers in ascending order of threshold, each threshold once: the last one a prompt exceeds applies. */
export const LongContextTiersSchema = z
  .array(LongContextTierSchema)
  .min(1, 'long_context must not be empty (omit it when unknown)')
  .refine(
    (tiers) => tiers.every((t, i) => i === 0 || t.above_input_tokens > (tiers[i - 1]?.above_input_tokens ?? 0)),
    'long_context tiers must be in ascending order of above_input_tokens, each threshold once',
  );

/**
 * The prices of one service tier (batch, flex, priority): token prices, and its own long-context
 * tiers when the provider bills long prompts differently within that tier too.
 */
export const ServiceTierPricingSchema = z
  .strictObject({
    ...tokenPricesShape,
    long_context: LongContextTiersSchema.optional(),
  })
  .refine(...notEmpty('a service tier'));

export const SERVICE_TIERS = ['batch', 'flex', 'priority'] as const;
export const ServiceTierNameSchema = z.enum(SERVICE_TIERS, { message: 'unknown service tier (batch, flex, priority)' });

export const ServiceTiersSchema = z
  .strictObject({
    batch: ServiceTierPricingSchema.optional(),
    flex: ServiceTierPricingSchema.optional(),
    priority: ServiceTierPricingSchema.optional(),
  })
  .refine(...notEmpty('service_tiers'));

/**
 * Prices a source reported. Every key is optional because omitted means unknown, but an empty
 * pricing object says nothing and is rejected: omit `pricing` instead. `long_context` and
 * `service_tiers` are conditional prices; the flat keys are the standard list price.
 */
export const PricingSchema = z
  .strictObject({
    ...pricingShape,
    long_context: LongContextTiersSchema.optional(),
    service_tiers: ServiceTiersSchema.optional(),
  })
  .refine(...notEmpty('pricing'));

export type TokenPrice = z.infer<typeof TokenPriceSchema>;
export type UnitPrice = z.infer<typeof UnitPriceSchema>;
export type LongContextTier = z.infer<typeof LongContextTierSchema>;
export type ServiceTierName = z.infer<typeof ServiceTierNameSchema>;
export type ServiceTierPricing = z.infer<typeof ServiceTierPricingSchema>;
export type ServiceTiers = z.infer<typeof ServiceTiersSchema>;
export type Pricing = z.infer<typeof PricingSchema>;
export type PriceKey = (typeof PRICE_KEYS)[number];
export type TokenPriceKey = (typeof TOKEN_PRICE_KEYS)[number];

/**
 * A price list with another laid over it, as a provider's override lays its prices over the base
 * model's: each price, and the `long_context` list, that `over` names replaces the base's whole; a
 * service tier is laid over the base's same tier the same way, so a price or tier list `over` does
 * not name keeps what the base (a lower source) said.
 */
export function mergePricing(base: Pricing | undefined, over: Pricing): Pricing {
  const merged: Pricing = { ...(base ?? {}), ...over };
  if (base?.service_tiers && over.service_tiers) {
    const tiers: ServiceTiers = { ...base.service_tiers };
    for (const name of SERVICE_TIERS) {
      const tier = over.service_tiers[name];
      if (tier) tiers[name] = { ...base.service_tiers[name], ...tier };
    }
    merged.service_tiers = tiers;
  }
  return merged;
}

/** Every price in a price list with its path (`long_context[0].input`, `service_tiers.batch.output`), in a fixed order. */
export function everyPrice(pricing: Pricing): { path: string; amount: number; currency: string }[] {
  const out: { path: string; amount: number; currency: string }[] = [];
  const flat = (prices: Partial<Record<PriceKey, TokenPrice | UnitPrice>>, prefix: string) => {
    for (const key of PRICE_KEYS) {
      const p = prices[key];
      if (p) out.push({ path: prefix + key, amount: 'per_million_tokens' in p ? p.per_million_tokens : p.price, currency: p.currency });
    }
  };
  const tiers = (list: readonly LongContextTier[] | undefined, prefix: string) =>
    list?.forEach((tier, i) => flat(tier, `${prefix}long_context[${i}].`));
  flat(pricing, '');
  tiers(pricing.long_context, '');
  for (const name of SERVICE_TIERS) {
    const tier = pricing.service_tiers?.[name];
    if (!tier) continue;
    flat(tier, `service_tiers.${name}.`);
    tiers(tier.long_context, `service_tiers.${name}.`);
  }
  return out;
}

/**
 * Every price of a price list by a name that stays put when a tier is added before another: a
 * long-context tier is named by its threshold (`input`, `long_context>200000.input`,
 * `service_tiers.batch.output`, `service_tiers.priority.long_context>272000.input`). In `everyPrice` order.
 */
export function pricesByFact(pricing: Pricing): Map<string, { amount: number; currency: string }> {
  const out = new Map<string, { amount: number; currency: string }>();
  for (const p of everyPrice(pricing)) {
    const name = p.path.replace(/long_context\[(\d+)\]\./, (_, i: string) => {
      const tier = /^service_tiers\.(\w+)\./.exec(p.path)?.[1] as ServiceTierName | undefined;
      const tiers = tier ? pricing.service_tiers?.[tier]?.long_context : pricing.long_context;
      return `long_context>${tiers?.[Number(i)]?.above_input_tokens ?? i}.`;
    });
    out.set(name, { amount: p.amount, currency: p.currency });
  }
  return out;
}

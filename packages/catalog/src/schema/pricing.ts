import { z } from 'zod';
import { CurrencySchema, PriceAmountSchema } from './common.ts';

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

const pricingShape = {
  input: TokenPriceSchema.optional(),
  output: TokenPriceSchema.optional(),
  cache_read: TokenPriceSchema.optional(),
  cache_write: TokenPriceSchema.optional(),
  reasoning: TokenPriceSchema.optional(),
  input_audio: TokenPriceSchema.optional(),
  output_audio: TokenPriceSchema.optional(),
  per_image: UnitPriceSchema.optional(),
  per_request: UnitPriceSchema.optional(),
  per_web_search: UnitPriceSchema.optional(),
};

export const PRICE_KEYS = Object.keys(pricingShape) as (keyof typeof pricingShape)[];
export const TOKEN_PRICE_KEYS = [
  'input',
  'output',
  'cache_read',
  'cache_write',
  'reasoning',
  'input_audio',
  'output_audio',
] as const satisfies readonly (keyof typeof pricingShape)[];

/**
 * Prices a source reported. Every key is optional because omitted means unknown, but an empty
 * pricing object says nothing and is rejected: omit `pricing` instead.
 */
export const PricingSchema = z
  .strictObject(pricingShape)
  .refine((p) => Object.keys(p).length > 0, 'pricing must not be empty (omit it when unknown)');

export type TokenPrice = z.infer<typeof TokenPriceSchema>;
export type UnitPrice = z.infer<typeof UnitPriceSchema>;
export type Pricing = z.infer<typeof PricingSchema>;
export type PriceKey = (typeof PRICE_KEYS)[number];

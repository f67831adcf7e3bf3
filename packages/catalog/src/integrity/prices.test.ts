import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { everyPrice, PRICE_KEYS, type Pricing, SERVICE_TIERS, TOKEN_PRICE_KEYS } from '../schema/pricing.ts';
import { implausibleTokenPrices, MIN_PLAUSIBLE_PER_MILLION } from './prices.ts';

const TOKEN_KEYS: ReadonlySet<string> = new Set(TOKEN_PRICE_KEYS);
const amountArb = fc.constantFrom(0, 0.0000025, 0.0006, 0.001, 0.15, 2.5, 60);

/** A flat price list: token keys hold per-million prices, the others unit prices. */
const pricesArb = fc.dictionary(fc.constantFrom(...PRICE_KEYS), amountArb, { maxKeys: 5 }).map((amounts) =>
  Object.fromEntries(
    Object.entries(amounts).map(([key, amount]) => [
      key,
      TOKEN_KEYS.has(key) ? { per_million_tokens: amount, currency: 'USD' } : { price: amount, currency: 'USD' },
    ]),
  ),
);
const longContextArb = fc.option(
  fc.array(pricesArb, { minLength: 1, maxLength: 2 }).map((tiers) => tiers.map((t, i) => ({ above_input_tokens: 128_000 * (i + 1), ...t }))),
  { nil: undefined },
);
const tierArb = fc.record({ prices: pricesArb, long_context: longContextArb });
const pricingArb: fc.Arbitrary<Pricing> = fc
  .record({ prices: pricesArb, long_context: longContextArb, service_tiers: fc.dictionary(fc.constantFrom(...SERVICE_TIERS), tierArb, { maxKeys: 2 }) })
  .map(({ prices, long_context, service_tiers }) => {
    const tiers = Object.entries(service_tiers).map(([name, t]) => [name, { ...t.prices, ...(t.long_context ? { long_context: t.long_context } : {}) }]);
    return { ...prices, ...(long_context ? { long_context } : {}), ...(tiers.length > 0 ? { service_tiers: Object.fromEntries(tiers) } : {}) } as Pricing;
  });

describe('implausibleTokenPrices', () => {
  it('names each token price under the plausible minimum by its everyPrice path, long-context and service tiers included', () => {
    fc.assert(
      fc.property(pricingArb, (pricing) => {
        const expected = everyPrice(pricing)
          .filter(({ path, amount }) => TOKEN_KEYS.has(path.slice(path.lastIndexOf('.') + 1)) && amount > 0 && amount < MIN_PLAUSIBLE_PER_MILLION)
          .map(({ path, amount }) => [path, amount]);
        expect(implausibleTokenPrices(pricing)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('flags a per-token price pasted as per million, not a small unit price', () => {
    const pricing = {
      input: { per_million_tokens: 0.0000025, currency: 'USD' },
      per_request: { price: 0.0005, currency: 'USD' },
      service_tiers: { batch: { output: { per_million_tokens: 0.000005, currency: 'USD' } } },
    } as Pricing;
    expect(implausibleTokenPrices(pricing)).toEqual([
      ['input', 0.0000025],
      ['service_tiers.batch.output', 0.000005],
    ]);
  });
});

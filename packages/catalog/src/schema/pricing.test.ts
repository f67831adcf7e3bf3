import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ModelSchema } from './model.ts';
import { everyPrice, LongContextTiersSchema, mergePricing, PricingSchema, pricesByFact, ServiceTiersSchema } from './pricing.ts';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
const problems = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('pricing with long-context and service tiers', () => {
  const gpt54 = {
    input: usd(2.5),
    output: usd(15),
    long_context: [{ above_input_tokens: 272000, input: usd(5), output: usd(22.5) }],
    service_tiers: {
      batch: { input: usd(1.25), output: usd(7.5) },
      priority: { input: usd(5), output: usd(30), long_context: [{ above_input_tokens: 272000, input: usd(10) }] },
    },
  };

  it('accepts list prices, long-context tiers and a long-context tier within a service tier', () => {
    expect(problems(PricingSchema, gpt54)).toEqual([]);
  });

  it('rejects tiers out of order or repeating a threshold, a tier with no price, and an empty block', () => {
    const twice = [{ above_input_tokens: 200000, input: usd(1) }, { above_input_tokens: 200000, input: usd(2) }];
    expect(problems(LongContextTiersSchema, twice)).toEqual([
      ': long_context tiers must be in ascending order of above_input_tokens, each threshold once',
    ]);
    expect(problems(LongContextTiersSchema, [{ above_input_tokens: 200000 }])).toEqual(['0: a long-context tier needs at least one price']);
    expect(problems(LongContextTiersSchema, [{ above_input_tokens: 0, input: usd(1) }])).toEqual([
      '0.above_input_tokens: must be > 0 (omit the field when the limit is unknown)',
    ]);
    expect(problems(ServiceTiersSchema, { batch: {} })).toEqual(['batch: a service tier must not be empty (omit it when unknown)']);
    expect(problems(ServiceTiersSchema, { economy: { input: usd(1) } })[0]).toMatch(/economy/);
  });

  it('lists every price with its path, tiers included', () => {
    expect(everyPrice(gpt54).map((p) => `${p.path}=${p.amount}`)).toEqual([
      'input=2.5',
      'output=15',
      'long_context[0].input=5',
      'long_context[0].output=22.5',
      'service_tiers.batch.input=1.25',
      'service_tiers.batch.output=7.5',
      'service_tiers.priority.input=5',
      'service_tiers.priority.output=30',
      'service_tiers.priority.long_context[0].input=10',
    ]);
  });

  it('names each price by its tier and threshold, so a tier added below another keeps the names of the rest', () => {
    expect([...pricesByFact(gpt54)].map(([name, p]) => `${name}=${p.amount}`)).toEqual([
      'input=2.5',
      'output=15',
      'long_context>272000.input=5',
      'long_context>272000.output=22.5',
      'service_tiers.batch.input=1.25',
      'service_tiers.batch.output=7.5',
      'service_tiers.priority.input=5',
      'service_tiers.priority.output=30',
      'service_tiers.priority.long_context>272000.input=10',
    ]);
    const withLowerTier = { ...gpt54, long_context: [{ above_input_tokens: 128000, input: usd(4) }, ...gpt54.long_context] };
    expect(pricesByFact(withLowerTier).get('long_context>272000.input')).toEqual({ amount: 5, currency: 'USD' });
  });

  it('an override replaces each price and tier list it names, within each service tier too; the rest stays', () => {
    expect(
      mergePricing(gpt54, {
        output: usd(16),
        service_tiers: { priority: { input: usd(6) }, flex: { input: usd(1.25) } },
      }),
    ).toEqual({
      ...gpt54,
      output: usd(16),
      service_tiers: {
        batch: gpt54.service_tiers.batch,
        priority: { ...gpt54.service_tiers.priority, input: usd(6) },
        flex: { input: usd(1.25) },
      },
    });
    expect(mergePricing(undefined, { input: usd(1) })).toEqual({ input: usd(1) });
  });
});

describe('model lifecycle and limits', () => {
  it('keeps a shutdown date apart from the deprecation date, and not before it', () => {
    expect(problems(ModelSchema, { id: 'm', status: 'deprecated', deprecation_date: '2026-01-01', shutdown_date: '2026-07-01' })).toEqual([]);
    expect(problems(ModelSchema, { id: 'm', deprecation_date: '2026-07-01', shutdown_date: '2026-01-01' })).toEqual([
      'shutdown_date: shutdown_date must not be before deprecation_date',
    ]);
    expect(problems(ModelSchema, { id: 'm', status: 'retired' })).toEqual(['status: unknown status (alpha, beta, deprecated)']);
  });

  it('rejects a last_updated before the release date and an input limit above the context window', () => {
    expect(problems(ModelSchema, { id: 'm', release_date: '2025-05-01', last_updated: '2025-04-01' })).toEqual([
      'last_updated: last_updated must not be before release_date',
    ]);
    expect(problems(ModelSchema, { id: 'm', context_window: 1000, max_input_tokens: 2000 })).toEqual([
      'max_input_tokens: max_input_tokens must not exceed context_window',
    ]);
  });
});

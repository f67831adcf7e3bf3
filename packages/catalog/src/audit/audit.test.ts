import { describe, expect, it } from 'vitest';
import type { Catalog } from '../io/read.ts';
import type { Override } from '../schema/override.ts';
import { auditCatalog, newDisagreements, suspectOf } from './audit.ts';
import { parseThresholds, thresholdBreaches } from './thresholds.ts';
import { formatDisagreement } from './render.ts';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
const stated = (source: string, priority: number, as_of: string, fields: Partial<Override>): Override => ({
  provider_id: 'openai',
  model_id: 'gpt-4o',
  priority,
  provenance: { source, as_of },
  ...fields,
});
const catalogOf = (overrides: Override[]): Catalog => ({
  providers: [{ id: 'openai', name: 'OpenAI', authentication: 'API_KEY', formats: [{ format: 'OPENAI', base_url: 'https://api.openai.com/v1', default: true }] }],
  models: [{ id: 'gpt-4o' }],
  overrides,
});

describe('auditCatalog', () => {
  it('names the sources, values and dates of a price two sources state differently', () => {
    const [d] = auditCatalog(
      catalogOf([
        stated('litellm', 10, '2026-07-24', { pricing: { input: usd(2.5), output: usd(10) } }),
        stated('models.dev', 20, '2026-06-13', { pricing: { input: usd(5), output: usd(10.05) } }),
      ]),
    );
    expect(d).toEqual({
      provider_id: 'openai',
      model_id: 'gpt-4o',
      kind: 'price',
      fact: 'pricing.input',
      statements: [
        { source: 'litellm', as_of: '2026-07-24', value: 2.5, currency: 'USD' },
        { source: 'models.dev', as_of: '2026-06-13', value: 5, currency: 'USD' },
      ],
      ratio: 2,
    });
    expect(formatDisagreement(d!)).toBe('openai/gpt-4o pricing.input: litellm 2026-07-24: $2.5 | models.dev 2026-06-13: $5 x2.00');
  });

  it('lets prices within 1 % pass, and reports limits, capabilities and currencies that differ', () => {
    const found = auditCatalog(
      catalogOf([
        stated('litellm', 10, '2026-07-24', {
          pricing: { input: usd(1), cache_read: { per_million_tokens: 7.2, currency: 'CNY' } },
          limits: { context_window: 128000 },
          capabilities: { force: ['FUNCTION_CALL'] },
        }),
        stated('openai', 50, '2026-07-28', {
          pricing: { input: usd(1.005), cache_read: usd(1) },
          limits: { context_window: 200000 },
          capabilities: { force: ['FUNCTION_CALL', 'REASONING'] },
        }),
      ]),
    );
    expect(found.map((d) => [d.kind, d.fact])).toEqual([
      ['currency', 'pricing.cache_read'],
      ['limit', 'context_window'],
      ['capabilities', 'capabilities'],
    ]);
  });

  it('reports a capability one source adds and another removes, not one a source is silent about', () => {
    const found = auditCatalog(
      catalogOf([
        stated('models.dev', 20, '2026-06-13', { capabilities: { add: ['FUNCTION_CALL', 'REASONING'] } }),
        stated('anthropic', 50, '2026-07-28', { capabilities: { add: ['STRUCTURED_OUTPUT'], remove: ['REASONING'] } }),
      ]),
    );
    expect(found.map((d) => [d.kind, d.statements.map((s) => [s.source, s.value])])).toEqual([
      ['capabilities', [['models.dev', ['REASONING']], ['anthropic', []]]],
    ]);
  });

  it('flags a ratio near 1,000 as a unit mistake and one near an exchange rate as a currency mistake, first', () => {
    expect(suspectOf(1000)).toBe('unit');
    expect(suspectOf(999_000)).toBe('unit');
    expect(suspectOf(7.2)).toBe('currency');
    expect(suspectOf(2)).toBeUndefined();
    const found = auditCatalog(
      catalogOf([
        stated('litellm', 10, '2026-07-24', { pricing: { input: usd(2500), output: usd(30) } }),
        stated('models.dev', 20, '2026-06-13', { pricing: { input: usd(2.5), output: usd(10) } }),
      ]),
    );
    expect(found.map((d) => [d.fact, d.suspect])).toEqual([
      ['pricing.input', 'unit'],
      ['pricing.output', undefined],
    ]);
  });

  it("leaves out a person's manual override and offerings with one source", () => {
    const manual: Override = { provider_id: 'openai', model_id: 'gpt-4o', priority: 100, reason: 'negotiated', pricing: { input: usd(1) } };
    expect(auditCatalog(catalogOf([stated('openai', 50, '2026-07-28', { pricing: { input: usd(2.5) } }), manual]))).toEqual([]);
  });

  it('lists as new only the disagreements a change brought', () => {
    const before = auditCatalog(
      catalogOf([stated('litellm', 10, 'x', { pricing: { input: usd(1) } }), stated('openai', 50, 'y', { pricing: { input: usd(2) } })]),
    );
    const after = auditCatalog(
      catalogOf([
        stated('litellm', 10, 'x', { pricing: { input: usd(1) }, limits: { context_window: 8000 } }),
        stated('openai', 50, 'y', { pricing: { input: usd(2) }, limits: { context_window: 16000 } }),
      ]),
    );
    expect(newDisagreements(before, after).map((d) => d.fact)).toEqual(['context_window']);
  });
});

describe('audit thresholds', () => {
  it('reads a threshold list and names what each breach is', () => {
    const t = parseThresholds('suspect, price:50,total:1');
    expect(t).toEqual({ suspect: true, pricePercent: 50, total: 1 });
    const found = auditCatalog(
      catalogOf([
        stated('litellm', 10, 'x', { pricing: { input: usd(2500), output: usd(1.2) } }),
        stated('openai', 50, 'y', { pricing: { input: usd(2.5), output: usd(1) } }),
      ]),
    );
    expect(thresholdBreaches(found, t)).toEqual([
      '1 suspected unit or currency mistake(s)',
      '1 price disagreement(s) above 50 %',
      '2 disagreements, more than 1',
    ]);
    expect(thresholdBreaches(found, { pricePercent: 100_000 })).toEqual([]);
  });

  it('refuses what it cannot read, naming the part', () => {
    expect(() => parseThresholds('price')).toThrow(/cannot read "price"/);
    expect(() => parseThresholds('total:1.5')).toThrow(/total:1.5/);
    expect(() => parseThresholds('')).toThrow(/no threshold/);
  });
});

import { describe, expect, it } from 'vitest';
import { auditCatalog } from '../audit/audit.ts';
import { stableJson } from '../canonical.ts';
import type { Catalog } from '../io/read.ts';
import type { Override } from '../schema/override.ts';
import { indexCatalog } from '../resolve.ts';
import { buildModelDocument } from './model-document.ts';
import { providersFor } from './offerings.ts';
import { pricedCatalog, reversedCatalog } from '@llm-catalog/testkit/priced-catalog';

describe('buildModelDocument', () => {
  it('lists who serves the model with each provider id, enabled offerings cheapest first, disabled ones last', () => {
    const doc = buildModelDocument(pricedCatalog(), 'gpt-4o');
    expect(doc?.providers.map((o) => [o.provider_id, o.provider_model_id, o.disabled ?? false])).toEqual([
      ['openai', 'gpt-4o', false],
      ['openrouter', 'openai/gpt-4o', false],
      ['yuan', 'gpt-4o', false],
      ['cheapo', 'gpt-4o', true],
    ]);
  });

  it('orders enabled offerings exactly as providersFor does', () => {
    const index = indexCatalog(pricedCatalog());
    for (const id of ['gpt-4o', 'llama-3.3-70b', 'mystery-model']) {
      const enabled = buildModelDocument(index, id)?.providers.filter((o) => !o.disabled).map((o) => o.provider_id);
      expect(enabled).toEqual(providersFor(index, id).map((o) => o.provider_id));
    }
  });

  it('resolves each offering: a provider price replaces the base one, the rest is inherited', () => {
    const openrouter = buildModelDocument(pricedCatalog(), 'gpt-4o')?.providers.find((o) => o.provider_id === 'openrouter');
    expect(openrouter?.pricing).toEqual({
      input: { per_million_tokens: 2.75, currency: 'USD' },
      output: { per_million_tokens: 10, currency: 'USD' },
      cache_read: { per_million_tokens: 1.25, currency: 'USD' },
    });
    expect(openrouter?.context_window).toBe(128000);
  });

  it('says where each fact came from: the source of a base fact, a person, or the offering layer', () => {
    const doc = buildModelDocument(pricedCatalog(), 'gpt-4o');
    expect(doc?.origins).toEqual({
      name: { layer: 'base' },
      capabilities: { layer: 'base' },
      context_window: { layer: 'base', source: 'openrouter' },
      pricing: { layer: 'base' },
    });
    const openrouter = doc?.providers.find((o) => o.provider_id === 'openrouter');
    expect(openrouter?.origins['pricing.input']).toEqual({ layer: 'auto' });
    expect(openrouter?.origins['pricing.output']).toEqual({ layer: 'base' });
    expect(openrouter?.origins.context_window).toEqual({ layer: 'base', source: 'openrouter' });
    const cheapo = doc?.providers.find((o) => o.provider_id === 'cheapo');
    expect(cheapo).toMatchObject({ disabled: true, reason: 'cheapo stopped serving it' });
    expect(cheapo?.origins.disabled).toEqual({ layer: 'manual' });
  });

  it('keeps provenance out of the model facts and other metadata in', () => {
    const doc = buildModelDocument(pricedCatalog(), 'gpt-4o');
    expect(doc?.model.metadata).toEqual({ source: 'openai' });
    expect(buildModelDocument(pricedCatalog(), 'openrouter-auto')?.model.metadata).toEqual({ dynamic_pricing: true });
  });

  it('leaves unknown facts out rather than filling them', () => {
    const doc = buildModelDocument(pricedCatalog(), 'mystery-model');
    expect(doc?.model).toEqual({ id: 'mystery-model' });
    expect(doc?.origins).toEqual({});
    expect(doc?.providers.map((o) => Object.keys(o).sort())).toEqual([
      ['origins', 'provider_id', 'provider_model_id', 'provider_name'],
      ['origins', 'provider_id', 'provider_model_id', 'provider_name'],
    ]);
  });

  it('finds the model by alias or provider spelling and answers with the base id', () => {
    const byId = stableJson(buildModelDocument(pricedCatalog(), 'llama-3.3-70b'));
    expect(stableJson(buildModelDocument(pricedCatalog(), 'llama-3.3-70b-versatile'))).toBe(byId);
    expect(buildModelDocument(pricedCatalog(), 'gpt-4o-2024-08-06')?.id).toBe('gpt-4o');
  });

  it('is undefined for a model the catalog does not have', () => {
    expect(buildModelDocument(pricedCatalog(), 'no-such-model')).toBeUndefined();
  });

  it('gives the same bytes whatever the order of the catalog lists', () => {
    const catalog = pricedCatalog();
    expect(stableJson(buildModelDocument(reversedCatalog(catalog), 'gpt-4o'))).toBe(stableJson(buildModelDocument(catalog, 'gpt-4o')));
  });
});

const usd = (per_million_tokens: number) => ({ per_million_tokens, currency: 'USD' });
const said = (source: string, priority: number, as_of: string, fields: Partial<Override>): Override => ({
  provider_id: 'openrouter',
  model_id: 'claude-sonnet-4-5',
  priority,
  provenance: { source, as_of },
  ...fields,
});

/** Three sources on OpenRouter's Claude Sonnet 4.5 (one of them on its free variant), one on Anthropic's, and a person. */
function sourcedCatalog(): Catalog {
  const provider = (id: string, base_url: string) => ({ id, name: id, authentication: 'API_KEY' as const, formats: [{ format: 'OPENAI' as const, base_url, default: true }] });
  return {
    providers: [provider('openrouter', 'https://openrouter.ai/api/v1'), provider('anthropic', 'https://api.anthropic.com/v1')],
    models: [{ id: 'claude-sonnet-4-5', context_window: 200000, pricing: { input: usd(3), output: usd(15) } }],
    overrides: [
      said('litellm', 10, '2026-07-24', { pricing: { input: usd(3), output: usd(15), long_context: [{ above_input_tokens: 200000, input: usd(6) }] }, limits: { context_window: 200000 } }),
      said('models.dev', 20, '2026-06-13', { pricing: { input: usd(3), output: usd(15.02), long_context: [{ above_input_tokens: 200000, input: usd(6.5) }] } }),
      said('openrouter', 50, '2026-06-16', { pricing: { input: usd(3.3), output: usd(15) }, limits: { context_window: 1000000 } }),
      { provider_id: 'openrouter', model_id: 'claude-sonnet-4-5', priority: 100, reason: 'negotiated', pricing: { input: usd(1) } },
      said('litellm', 10, '2026-07-24', { variant: 'free', pricing: { input: usd(0) }, limits: { context_window: 32000 } }),
      said('openrouter', 50, '2026-06-16', { variant: 'free', pricing: { input: usd(0) }, limits: { context_window: 64000 } }),
      { ...said('models.dev', 20, '2026-06-13', { pricing: { input: usd(3), output: usd(15) } }), provider_id: 'anthropic' },
      { ...said('anthropic', 50, '2026-07-28', { pricing: { input: usd(3), output: usd(15) } }), provider_id: 'anthropic' },
    ],
  };
}

describe('buildModelDocument: source disagreements', () => {
  it('names, per offering, each fact its sources state differently, with every source value and as-of date', () => {
    const openrouter = buildModelDocument(sourcedCatalog(), 'claude-sonnet-4-5')?.providers.find((o) => o.provider_id === 'openrouter');
    expect(openrouter?.disagreements?.map((d) => [d.fact, d.variant, d.statements.map((s) => `${s.source} ${s.as_of}: ${String(s.value)}`)])).toEqual([
      ['pricing.input', undefined, ['litellm 2026-07-24: 3', 'models.dev 2026-06-13: 3', 'openrouter 2026-06-16: 3.3']],
      ['pricing.long_context>200000.input', undefined, ['litellm 2026-07-24: 6', 'models.dev 2026-06-13: 6.5']],
      ['context_window', undefined, ['litellm 2026-07-24: 200000', 'openrouter 2026-06-16: 1000000']],
      ['context_window', 'free', ['litellm 2026-07-24: 32000', 'openrouter 2026-06-16: 64000']],
    ]);
  });

  it("is the audit's finding for the offering, leaving out the person's override and facts within the price tolerance", () => {
    const catalog = sourcedCatalog();
    const audited = auditCatalog(catalog, { providers: new Set(['openrouter']) }).map(({ provider_id: _p, model_id: _m, ...d }) => d);
    const doc = buildModelDocument(catalog, 'claude-sonnet-4-5');
    expect(doc?.providers.find((o) => o.provider_id === 'openrouter')?.disagreements).toEqual(audited);
    expect(audited.map((d) => d.fact)).not.toContain('pricing.output');
  });

  it("names the source and date of an offering's fact that a source's override set", () => {
    const openrouter = buildModelDocument(sourcedCatalog(), 'claude-sonnet-4-5')?.providers.find((o) => o.provider_id === 'openrouter');
    expect(openrouter?.origins.context_window).toEqual({ layer: 'auto', source: 'openrouter', as_of: '2026-06-16' });
    expect(openrouter?.origins['pricing.input']).toEqual({ layer: 'manual' });
    // The plain offering's prices: the free variant's overrides are not mixed in.
    expect(openrouter?.pricing?.input?.per_million_tokens).toBe(1);
    expect(openrouter?.variant).toBeUndefined();
    expect(openrouter?.origins['pricing.long_context']).toEqual({ layer: 'auto', source: 'models.dev', as_of: '2026-06-13' });
  });

  it('leaves disagreements out of an offering whose sources agree', () => {
    const anthropic = buildModelDocument(sourcedCatalog(), 'claude-sonnet-4-5')?.providers.find((o) => o.provider_id === 'anthropic');
    expect(anthropic).toBeDefined();
    expect(anthropic?.disagreements).toBeUndefined();
  });
});

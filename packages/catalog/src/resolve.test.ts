import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog } from './io/read.ts';
import { applyOverrides, findModelId, indexCatalog, resolveModel, resolveProviderModels } from './resolve.ts';
import { CapabilitySchema } from './schema/common.ts';
import type { Model } from './schema/model.ts';
import type { Override } from './schema/override.ts';
import { sampleCatalog } from '@llm-catalog/testkit/catalog';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });

const base: Model = {
  id: 'm',
  name: 'M',
  capabilities: ['FUNCTION_CALL', 'REASONING'],
  context_window: 200000,
  max_output_tokens: 32000,
  pricing: { input: usd(3), output: usd(15) },
};

function catalogWith(overrides: Override[], models: Model[] = [base]): Catalog {
  return {
    providers: [
      { id: 'acme', name: 'Acme', authentication: 'API_KEY', formats: [{ format: 'OPENAI', base_url: 'https://a.test', default: true }] },
    ],
    models,
    overrides,
  };
}

describe('resolving a model for a provider', () => {
  it('a membership marker serves the base model unchanged, called by its own id', () => {
    const r = resolveModel(indexCatalog(catalogWith([{ provider_id: 'acme', model_id: 'm', priority: 0 }])), 'acme', 'm');
    expect(r?.model).toEqual({ ...base, provider_id: 'acme', provider_model_id: 'm' });
    expect(r?.origins).toEqual({});
  });

  it("a higher band calling the model by its base id outranks a lower band's other spelling; a person's override without one does not", () => {
    const bands: Override[] = [
      { provider_id: 'acme', model_id: 'm', priority: 10, provider_model_id: 'm-typo' },
      { provider_id: 'acme', model_id: 'm', priority: 20 },
    ];
    expect(resolveModel(indexCatalog(catalogWith(bands)), 'acme', 'm')?.model.provider_model_id).toBe('m');
    const lowerOnly = [bands[0] as Override, { provider_id: 'acme', model_id: 'm', priority: 100, reason: 'cap', limits: { context_window: 1000 } }];
    expect(resolveModel(indexCatalog(catalogWith(lowerOnly)), 'acme', 'm')?.model.provider_model_id).toBe('m-typo');
  });

  it('applies the auto override, then manual ones in ascending priority, field by field', () => {
    // Listed out of order on purpose: resolution order comes from priority, not file position.
    const index = indexCatalog(
      catalogWith([
        { provider_id: 'acme', model_id: 'm', priority: 200, reason: 'price cut', pricing: { input: usd(2.5) } },
        {
          provider_id: 'acme',
          model_id: 'm',
          priority: 0,
          provider_model_id: 'acme/M',
          limits: { context_window: 100000 },
          pricing: { input: usd(2.75), cache_read: usd(0.3) },
        },
        { provider_id: 'acme', model_id: 'm', priority: 100, reason: 'docs say 8k', limits: { max_output_tokens: 8000 } },
      ]),
    );
    const r = resolveModel(index, 'acme', 'm');
    expect(r?.overrides.map((o) => o.priority)).toEqual([0, 100, 200]);
    expect(r?.model).toMatchObject({
      provider_model_id: 'acme/M',
      context_window: 100000,
      max_output_tokens: 8000,
      pricing: { input: usd(2.5), output: usd(15), cache_read: usd(0.3) },
    });
    expect(r?.origins).toEqual({
      provider_model_id: 'auto',
      context_window: 'auto',
      max_output_tokens: 'manual',
      'pricing.input': 'manual',
      'pricing.cache_read': 'auto',
    });
  });

  it('capabilities: add then remove on top of the base list', () => {
    const r = applyOverrides(base, 'acme', [
      { provider_id: 'acme', model_id: 'm', priority: 0, capabilities: { add: ['IMAGE_RECOGNITION'], remove: ['REASONING'] } },
    ]);
    expect(r.model.capabilities).toEqual(['FUNCTION_CALL', 'IMAGE_RECOGNITION']);
    expect(r.origins.capabilities).toBe('auto');
  });

  it('capabilities: force replaces the list, and a later override adds to the forced list', () => {
    const forced = applyOverrides(base, 'acme', [
      { provider_id: 'acme', model_id: 'm', priority: 0, capabilities: { force: ['EMBEDDING'] } },
    ]);
    expect(forced.model.capabilities).toEqual(['EMBEDDING']);

    const thenAdded = applyOverrides(base, 'acme', [
      { provider_id: 'acme', model_id: 'm', priority: 0, capabilities: { force: ['EMBEDDING'] } },
      { provider_id: 'acme', model_id: 'm', priority: 100, reason: 'r', capabilities: { add: ['RERANK'] } },
    ]);
    expect(thenAdded.model.capabilities).toEqual(['EMBEDDING', 'RERANK']);
    expect(thenAdded.origins.capabilities).toBe('manual');
  });

  it('an empty forced list means the provider offers none of the capabilities', () => {
    const r = applyOverrides(base, 'acme', [
      { provider_id: 'acme', model_id: 'm', priority: 100, reason: 'plain completion only', capabilities: { force: [] } },
    ]);
    expect(r.model.capabilities).toEqual([]);
  });

  it('a disabled offering still resolves, with its reason and replacement', () => {
    const index = indexCatalog(
      catalogWith(
        [
          { provider_id: 'acme', model_id: 'm', priority: 0 },
          { provider_id: 'acme', model_id: 'm', priority: 100, reason: 'retired on 2026-01-01', disabled: true, replace_with: 'n' },
        ],
        [base, { id: 'n' }],
      ),
    );
    expect(resolveModel(index, 'acme', 'm')?.model).toMatchObject({
      disabled: true,
      reason: 'retired on 2026-01-01',
      replace_with: 'n',
    });
  });

  it('a later override that re-enables the offering clears the reason and replacement', () => {
    const r = applyOverrides(base, 'acme', [
      { provider_id: 'acme', model_id: 'm', priority: 100, reason: 'outage', disabled: true, replace_with: 'n' },
      { provider_id: 'acme', model_id: 'm', priority: 110, reason: 'back online', disabled: false },
    ]);
    expect(r.model.disabled).toBe(false);
    expect(r.model).not.toHaveProperty('reason');
    expect(r.model).not.toHaveProperty('replace_with');
    expect(r.origins.disabled).toBe('manual');
  });

  it('reasoning and parameters come from the overrides; parameters merge by name', () => {
    const r = applyOverrides(base, 'acme', [
      { provider_id: 'acme', model_id: 'm', priority: 0, parameters: { temperature: { supported: true, max: 2 } } },
      {
        provider_id: 'acme',
        model_id: 'm',
        priority: 100,
        reason: 'r',
        reasoning: { supported: true, effort_levels: ['low', 'high'] },
        parameters: { top_k: { supported: false } },
      },
    ]);
    expect(r.model.reasoning).toEqual({ supported: true, effort_levels: ['low', 'high'] });
    expect(r.model.parameters).toEqual({ temperature: { supported: true, max: 2 }, top_k: { supported: false } });
  });

  it('never changes the base model it resolves from', () => {
    const catalog = sampleCatalog();
    const before = structuredClone(catalog.models);
    const index = indexCatalog(catalog);
    for (const p of catalog.providers) resolveProviderModels(index, p.id);
    expect(catalog.models).toEqual(before);
  });
});

describe('finding a model by any of its names', () => {
  const index = indexCatalog(sampleCatalog());

  it('by base id, case-insensitively', () => {
    expect(findModelId(index, 'openai', 'gpt-4o')).toBe('gpt-4o');
    expect(findModelId(index, 'openai', 'GPT-4o')).toBe('gpt-4o');
  });

  it('by alias', () => {
    expect(resolveModel(index, 'anthropic', 'claude-sonnet-4-5-20250929')?.model.id).toBe('claude-sonnet-4.5');
    expect(resolveModel(index, 'openai', 'gpt-4o-2024-08-06')?.model.id).toBe('gpt-4o');
  });

  it("by the provider's own spelling (provider_model_id)", () => {
    const r = resolveModel(index, 'openrouter', 'openai/gpt-4o');
    expect(r?.model).toMatchObject({ id: 'gpt-4o', provider_model_id: 'openai/gpt-4o', pricing: { input: usd(2.75) } });
    expect(findModelId(index, 'openrouter', 'OpenAI/GPT-4o')).toBe('gpt-4o');
  });

  it("another provider's spelling resolves to the model this provider serves", () => {
    expect(findModelId(index, 'openai', 'openai/gpt-4o')).toBe('gpt-4o');
    expect(resolveModel(index, 'openrouter', 'claude-sonnet-4-5')?.model.provider_model_id).toBe('anthropic/claude-sonnet-4.5');
    expect(resolveModel(index, 'anthropic', 'anthropic/claude-sonnet-4.5')?.model.provider_model_id).toBe('claude-sonnet-4-5');
  });

  it('a look-alike of another size or line does not resolve', () => {
    expect(findModelId(index, 'openai', 'gpt-4o-mini')).toBeUndefined();
    expect(findModelId(index, 'groq', 'llama-3.1-70b-versatile')).toBeUndefined();
  });

  it('a model the provider does not serve, or an unknown provider, resolves to nothing', () => {
    expect(resolveModel(index, 'groq', 'gpt-4o')).toBeUndefined();
    expect(resolveModel(index, 'nobody', 'gpt-4o')).toBeUndefined();
    expect(resolveModel(index, 'openai', 'no-such-model')).toBeUndefined();
  });
});

describe('every model of a provider', () => {
  it('is sorted by id and includes disabled offerings', () => {
    const models = resolveProviderModels(indexCatalog(sampleCatalog()), 'openai');
    expect(models.map((m) => [m.id, m.disabled ?? false])).toEqual([
      ['gpt-4-turbo', true],
      ['gpt-4o', false],
      ['text-embedding-3-small', false],
    ]);
  });

  it('applies the manual override over the auto one for each model', () => {
    const claude = resolveProviderModels(indexCatalog(sampleCatalog()), 'openrouter').find((m) => m.id === 'claude-sonnet-4.5');
    expect(claude?.capabilities).toEqual(['FUNCTION_CALL', 'IMAGE_RECOGNITION', 'REASONING']);
    expect(claude?.provider_model_id).toBe('anthropic/claude-sonnet-4.5');
  });

  it('is empty for a provider with no offerings', () => {
    expect(resolveProviderModels(indexCatalog(sampleCatalog()), 'nobody')).toEqual([]);
  });
});

describe('applyOverrides: long-context and service-tier prices', () => {
  const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
  const base = {
    id: 'gpt-5.4',
    pricing: {
      input: usd(2.5),
      output: usd(15),
      long_context: [{ above_input_tokens: 272000, input: usd(5), output: usd(22.5) }],
      service_tiers: { batch: { input: usd(1.25), output: usd(7.5) }, flex: { input: usd(1.25) } },
    },
  };

  it("an override's tier list replaces the base's whole; within a service tier, only the prices it names", () => {
    const { model } = applyOverrides(base, 'azure-openai', [
      {
        provider_id: 'azure-openai',
        model_id: 'gpt-5.4',
        priority: 20,
        pricing: {
          input: usd(2.75),
          long_context: [{ above_input_tokens: 272000, input: usd(5.5) }],
          service_tiers: { batch: { input: usd(1.375) } },
        },
      },
    ]);
    expect(model.pricing).toEqual({
      input: usd(2.75),
      output: usd(15),
      long_context: [{ above_input_tokens: 272000, input: usd(5.5) }],
      service_tiers: { batch: { input: usd(1.375), output: usd(7.5) }, flex: { input: usd(1.25) } },
    });
  });
});

describe('offering variants', () => {
  const usdPrice = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
  const catalog = sampleCatalog();
  catalog.overrides.push(
    {
      provider_id: 'openrouter',
      model_id: 'gpt-4o',
      variant: 'free',
      provider_model_id: 'openai/gpt-4o:free',
      priority: 0,
      pricing: { input: usdPrice(0), output: usdPrice(0) },
    },
  );
  const index = indexCatalog(catalog);

  it('the paid and the :free route are two offerings, each with its own price', () => {
    expect(resolveModel(index, 'openrouter', 'gpt-4o')?.model).toMatchObject({ pricing: { input: usdPrice(2.75) } });
    expect(resolveModel(index, 'openrouter', 'gpt-4o')?.model.variant).toBeUndefined();
    const free = resolveModel(index, 'openrouter', 'openai/gpt-4o:free')?.model;
    expect(free).toMatchObject({ variant: 'free', provider_model_id: 'openai/gpt-4o:free', pricing: { input: usdPrice(0) } });
    expect(resolveModel(index, 'openrouter', 'gpt-4o', { variant: 'free' })?.model.variant).toBe('free');
  });

  it('a variant the provider does not offer resolves to nothing', () => {
    expect(resolveModel(index, 'openai', 'gpt-4o', { variant: 'free' })).toBeUndefined();
    expect(resolveModel(index, 'openai', 'openai/gpt-4o:free')).toBeUndefined();
  });

  it('a provider that lists only variants resolves to its first variant', () => {
    const regional = sampleCatalog();
    regional.overrides.push(
      { provider_id: 'groq', model_id: 'gpt-4o', variant: 'us', provider_model_id: 'us.openai.gpt-4o', priority: 0 },
      { provider_id: 'groq', model_id: 'gpt-4o', variant: 'eu', provider_model_id: 'eu.openai.gpt-4o', priority: 0 },
    );
    const r = indexCatalog(regional);
    expect(resolveModel(r, 'groq', 'gpt-4o')?.model.variant).toBe('eu');
    expect(resolveModel(r, 'groq', 'us.openai.gpt-4o')?.model.variant).toBe('us');
    expect(resolveProviderModels(r, 'groq').map((m) => [m.id, m.variant])).toEqual([
      ['gpt-4o', 'eu'],
      ['llama-3.3-70b-versatile', undefined],
    ]);
  });
});

describe('capability overrides', () => {
  it('add then remove on the current list, sorted and without repeats, whatever the order of the base list', () => {
    const capability = fc.constantFrom(...CapabilitySchema.options);
    const change = fc.record({ add: fc.option(fc.array(capability, { maxLength: 4 }), { nil: undefined }), remove: fc.option(fc.array(capability, { maxLength: 3 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.option(fc.array(capability, { maxLength: 6 }), { nil: undefined }), fc.array(change, { minLength: 1, maxLength: 3 }), (current, changes) => {
        const model: Model = { id: 'm', name: 'M', ...(current ? { capabilities: current } : {}) };
        const overrides = changes.map((capabilities, i) => ({ provider_id: 'p', model_id: 'm', priority: 10 + i, capabilities }) as Override);
        let expected = current;
        for (const { add, remove } of changes) {
          const set = new Set(expected ?? []);
          for (const c of add ?? []) set.add(c);
          for (const c of remove ?? []) set.delete(c);
          expected = [...set].sort();
        }
        const resolved = applyOverrides(model, 'p', overrides).model.capabilities;
        expect(resolved).toEqual(expected);
        expect(resolved).not.toBe(current);
      }),
    );
  });
});

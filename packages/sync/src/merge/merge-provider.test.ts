import {
  applyOverrides,
  type Catalog,
  canonicalModels,
  canonicalOverrides,
  indexCatalog,
  type Model,
  type Override,
  resolveModel,
} from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { mergeProviderModels } from './merge-provider.ts';
import { auto, catalogErrors, catalogOf, deepFreeze, fetched, manual, usd } from '@llm-catalog/testkit/merge';

const llama: Model = {
  id: 'llama-3-8b',
  name: 'Llama 3 8B',
  owned_by: 'meta',
  capabilities: ['FUNCTION_CALL'],
  context_window: 8192,
  pricing: { input: usd(0.05), output: usd(0.08) },
};
const gpt: Model = {
  id: 'gpt-4o',
  name: 'GPT-4o',
  aliases: ['gpt-4o-2024-08-06'],
  context_window: 128000,
  pricing: { input: usd(2.5), output: usd(10) },
};
const mixtral: Model = { id: 'mixtral-8x7b', context_window: 32768 };

const groqCatalog = (overrides: Override[] = []): Catalog =>
  catalogOf(['groq', 'openai', 'openrouter'], [gpt, llama, mixtral], overrides);

describe('mergeProviderModels: mapping fetched models to base models', () => {
  it('adds a base model holding exactly what the source reported, and an override holding the offering facts', () => {
    const result = mergeProviderModels(
      catalogOf(['groq']),
      'groq',
      [fetched('qwen3-32b', { provider_model_id: 'qwen/qwen3-32b', owned_by: 'alibaba', context_window: 131072 })],
      {},
    );
    expect(result.status).toBe('updated');
    expect(result.catalog.models).toEqual([
      {
        id: 'qwen3-32b',
        owned_by: 'alibaba',
        context_window: 131072,
        metadata: { source: 'groq', provenance: { owned_by: { source: 'groq' }, context_window: { source: 'groq' } } },
      },
    ]);
    expect(result.catalog.overrides).toEqual([
      auto('groq', 'qwen3-32b', { provider_model_id: 'qwen/qwen3-32b', limits: { context_window: 131072 } }),
    ]);
    expect(result).toMatchObject({ added: ['qwen3-32b'], newBaseModels: ['qwen3-32b'], removed: [], changed: [] });
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it('writes an auto override of every reported offering fact, equal to the base or not', () => {
    const result = mergeProviderModels(
      groqCatalog(),
      'groq',
      [
        fetched('llama-3-8b', { provider_model_id: 'llama3-8b-8192', context_window: 8192, pricing: { input: usd(0.05), output: usd(0.1) } }),
        fetched('mixtral-8x7b', { context_window: 32768 }),
      ],
      {},
    );
    expect(result.catalog.overrides).toEqual([
      auto('groq', 'llama-3-8b', {
        provider_model_id: 'llama3-8b-8192',
        limits: { context_window: 8192 },
        pricing: { input: usd(0.05), output: usd(0.1) },
      }),
      auto('groq', 'mixtral-8x7b', { limits: { context_window: 32768 } }),
    ]);
    expect(result.catalog.models).toEqual(groqCatalog().models);
    expect(result.newBaseModels).toEqual([]);
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it('maps a fetched model by alias and keeps the provider spelling', () => {
    const result = mergeProviderModels(groqCatalog(), 'openai', [fetched('gpt-4o-2024-08-06')], {});
    expect(result.catalog.overrides).toEqual([
      auto('openai', 'gpt-4o', { provider_model_id: 'gpt-4o-2024-08-06' }),
    ]);
    expect(result.added).toEqual(['gpt-4o']);
    expect(result.newBaseModels).toEqual([]);
  });

  it('maps an id spelled with other separators to the one base model it names, and says so', () => {
    const claude: Model = { id: 'claude-3-5-haiku-20241022', name: 'Claude Haiku 3.5' };
    const result = mergeProviderModels(
      catalogOf(['anthropic', 'openrouter'], [claude]),
      'openrouter',
      [fetched('claude-3.5-haiku-20241022', { provider_model_id: 'anthropic/claude-3.5-haiku-20241022' })],
      {},
    );
    expect(result.catalog.models).toEqual([claude]);
    expect(result.catalog.overrides).toEqual([
      auto('openrouter', claude.id, { provider_model_id: 'anthropic/claude-3.5-haiku-20241022' }),
    ]);
    expect(result.notes).toEqual([
      expect.objectContaining({ kind: 'respelled', model_id: claude.id, message: expect.stringContaining('"anthropic/claude-3.5-haiku-20241022" names model') }),
    ]);
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it('does not guess between two base models that share a spelling key', () => {
    const dotted: Model = { id: 'x-1.5' };
    const dashed: Model = { id: 'x-1-5' };
    const result = mergeProviderModels(catalogOf(['groq'], [dotted, dashed]), 'groq', [fetched('x_1_5')], {});
    expect(result.newBaseModels).toEqual(['x_1_5']);
    expect(result.notes.filter((n) => n.kind === 'respelled')).toEqual([]);
  });

  it('writes each variant as an offering of its own, with its own prices, and takes base facts from the plain one', () => {
    const result = mergeProviderModels(
      groqCatalog(),
      'openrouter',
      [
        fetched('llama-3-8b', { provider_model_id: 'meta-llama/llama-3-8b:free', variant: 'free', pricing: { input: usd(0), output: usd(0) } }),
        fetched('llama-3-8b', { provider_model_id: 'meta-llama/llama-3-8b', pricing: { input: usd(0.03), output: usd(0.08) } }),
        fetched('llama-3-8b', { provider_model_id: 'meta-llama/llama-3-8b:nitro', variant: 'nitro', pricing: { input: usd(0.2) } }),
      ],
      {},
    );
    expect(result.catalog.overrides).toEqual([
      auto('openrouter', 'llama-3-8b', { provider_model_id: 'meta-llama/llama-3-8b', pricing: { input: usd(0.03), output: usd(0.08) } }),
      auto('openrouter', 'llama-3-8b', {
        variant: 'free',
        provider_model_id: 'meta-llama/llama-3-8b:free',
        pricing: { input: usd(0), output: usd(0) },
      }),
      auto('openrouter', 'llama-3-8b', { variant: 'nitro', provider_model_id: 'meta-llama/llama-3-8b:nitro', pricing: { input: usd(0.2) } }),
    ]);
    expect(result.added).toEqual(['llama-3-8b', 'llama-3-8b (variant free)', 'llama-3-8b (variant nitro)']);
    expect(result.notes).toEqual([]);
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it('reports a collision between two spellings that disagree, and still writes one offering', () => {
    const result = mergeProviderModels(
      catalogOf(['together']),
      'together',
      [
        fetched('qwen2.5-72b', { provider_model_id: 'Qwen/Qwen2.5-72B', context_window: 32768 }),
        fetched('qwen2.5-72b', { provider_model_id: 'qwen/qwen2.5-72b', context_window: 131072 }),
      ],
      {},
    );
    expect(result.catalog.models.map((m) => [m.id, m.context_window])).toEqual([['qwen2.5-72b', 32768]]);
    expect(result.catalog.overrides).toHaveLength(1);
    expect(result.notes).toEqual([
      expect.objectContaining({ kind: 'collision', model_id: 'qwen2.5-72b', message: expect.stringContaining('context_window') }),
    ]);
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it('drops the aliases of a new model that already name a model, with a note', () => {
    const result = mergeProviderModels(
      groqCatalog(),
      'groq',
      [
        fetched('ministral-3b-2410', { aliases: ['ministral-3b-latest', 'gpt-4o-2024-08-06', 'mixtral-8x7b'] }),
        fetched('mixtral-8x7b'),
      ],
      {},
    );
    expect(result.catalog.models.find((m) => m.id === 'ministral-3b-2410')?.aliases).toEqual(['ministral-3b-latest']);
    expect(result.notes.filter((n) => n.kind === 'collision')).toHaveLength(2);
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it('throws for a provider that is not in the catalog', () => {
    expect(() => mergeProviderModels(groqCatalog(), 'nope', [fetched('x')], {})).toThrow(/unknown provider "nope"/);
  });
});

describe('mergeProviderModels: replacing auto overrides', () => {
  const existing = [
    auto('groq', 'gpt-4o', { pricing: { input: usd(2) } }),
    auto('groq', 'llama-3-8b', { priority: 5 }),
    auto('groq', 'mixtral-8x7b'),
    manual('groq', 'llama-3-8b', 100, { pricing: { output: usd(0.07) } }),
    auto('openai', 'gpt-4o'),
    manual('openai', 'gpt-4o', 150, { disabled: true, reason: 'region locked' }),
  ];

  it("replaces this provider's auto overrides and keeps manual and other providers' overrides", () => {
    const before = groqCatalog(existing);
    const result = mergeProviderModels(
      before,
      'groq',
      [fetched('gpt-4o', { pricing: { input: usd(2.2) } }), fetched('llama-3-8b'), fetched('qwen3-32b')],
      {},
    );
    expect(result.catalog.overrides).toEqual([
      auto('groq', 'gpt-4o', { pricing: { input: usd(2.2) } }),
      auto('groq', 'llama-3-8b'),
      existing[3],
      auto('groq', 'qwen3-32b'),
      existing[4],
      existing[5],
    ]);
    expect(result).toMatchObject({ added: ['qwen3-32b'], removed: ['mixtral-8x7b'], changed: ['gpt-4o', 'llama-3-8b'] });
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it('manual override survives resync and still wins over the synced value', () => {
    const result = mergeProviderModels(
      groqCatalog(existing),
      'groq',
      [fetched('llama-3-8b', { pricing: { output: usd(0.09) } }), fetched('mixtral-8x7b'), fetched('gpt-4o')],
      {},
    );
    expect(result.catalog.overrides).toContainEqual(existing[3]);
    const resolved = resolveModel(indexCatalog(result.catalog), 'groq', 'llama-3-8b');
    expect(resolved?.model.pricing?.output).toEqual(usd(0.07));
    expect(resolved?.origins['pricing.output']).toBe('manual');
  });

  it('notes a manual override whose model the provider no longer lists', () => {
    const result = mergeProviderModels(groqCatalog(existing), 'groq', [fetched('gpt-4o'), fetched('mixtral-8x7b')], {});
    expect(result.notes).toEqual([expect.objectContaining({ kind: 'orphaned-manual', model_id: 'llama-3-8b' })]);
    expect(result.catalog.overrides).toContainEqual(existing[3]);
  });

  it('notes a manual override that now equals the synced value', () => {
    const result = mergeProviderModels(
      groqCatalog(existing),
      'groq',
      [fetched('llama-3-8b', { pricing: { output: usd(0.07) } }), fetched('mixtral-8x7b'), fetched('gpt-4o')],
      {},
    );
    expect(result.notes).toEqual([expect.objectContaining({ kind: 'redundant-manual', model_id: 'llama-3-8b' })]);
  });

  it('notes only what changed in this run: the same list merged again says nothing', () => {
    const cases: [string, Catalog, string, ReturnType<typeof fetched>[]][] = [
      ['an orphaned manual override', groqCatalog(existing), 'groq', [fetched('gpt-4o'), fetched('mixtral-8x7b')]],
      [
        'a redundant manual override',
        groqCatalog(existing),
        'groq',
        [fetched('llama-3-8b', { pricing: { output: usd(0.07) } }), fetched('mixtral-8x7b'), fetched('gpt-4o')],
      ],
      [
        'two spellings folded into one offering',
        groqCatalog(),
        'openrouter',
        [
          fetched('llama-3-8b', { provider_model_id: 'meta-llama/Llama-3-8B', pricing: { input: usd(0.03) } }),
          fetched('llama-3-8b', { provider_model_id: 'meta-llama/llama-3-8b', pricing: { input: usd(0.03) } }),
        ],
      ],
    ];
    for (const [what, catalog, providerId, list] of cases) {
      const first = mergeProviderModels(catalog, providerId, list, {});
      expect(first.notes.length, what).toBeGreaterThan(0);
      const again = mergeProviderModels(first.catalog, providerId, list, {});
      expect(again.status, what).toBe('unchanged');
      expect(again.notes, what).toEqual([]);
    }
  });

  it('keeps a base model no provider serves any more, and notes nothing for it', () => {
    const result = mergeProviderModels(
      groqCatalog([auto('groq', 'mixtral-8x7b'), auto('groq', 'gpt-4o'), auto('groq', 'llama-3-8b')]),
      'groq',
      [fetched('gpt-4o'), fetched('llama-3-8b')],
      {},
    );
    expect(result.removed).toEqual(['mixtral-8x7b']);
    expect(result.catalog.models.map((m) => m.id)).toContain('mixtral-8x7b');
    expect(result.notes).toEqual([]);
  });
});

describe('mergeProviderModels: the removal guard', () => {
  const served = groqCatalog([auto('groq', 'gpt-4o'), auto('groq', 'llama-3-8b'), auto('groq', 'mixtral-8x7b')]);

  it('fails on an empty list and returns the input catalog untouched', () => {
    const result = mergeProviderModels(deepFreeze(served), 'groq', [], {});
    expect(result.status).toBe('failed');
    expect(result.catalog).toBe(served);
    expect(result.error).toMatch(/empty model list/);
    expect(result.notes).toEqual([{ kind: 'guard', message: result.error }]);
    expect(result).toMatchObject({ added: [], removed: [], changed: [], newBaseModels: [], refreshedBaseModels: [] });
  });

  it('fails when the provider would lose more than half of its models', () => {
    const result = mergeProviderModels(served, 'groq', [fetched('gpt-4o'), fetched('new-one')], {});
    expect(result.status).toBe('failed');
    expect(result.catalog).toBe(served);
    expect(result.error).toContain('stop serving 2 of its 3 models');
  });

  it('applies a large loss, or an empty list, when removals are allowed', () => {
    const shrunk = mergeProviderModels(served, 'groq', [fetched('gpt-4o')], { allowRemovals: true });
    expect(shrunk).toMatchObject({ status: 'updated', removed: ['llama-3-8b', 'mixtral-8x7b'] });
    const emptied = mergeProviderModels(served, 'groq', [], { allowRemovals: true });
    expect(emptied.status).toBe('updated');
    expect(emptied.catalog.overrides).toEqual([]);
    expect(catalogErrors(emptied.catalog)).toEqual([]);
  });

  it("does not guard a provider's first sync, whatever it lists", () => {
    const result = mergeProviderModels(served, 'openai', [fetched('gpt-4o')], {});
    expect(result.status).toBe('updated');
  });
});

describe('mergeProviderModels: base facts and source bands', () => {
  const owned: Model = {
    id: 'claude-sonnet-4.5',
    name: 'Claude Sonnet 4.5 (old)',
    description: 'written by a person',
    context_window: 200000,
    pricing: { input: usd(3), output: usd(15) },
    // Pricing without provenance: a person set it, so no source may replace it.
    metadata: { source: 'openrouter', provenance: { name: { source: 'openrouter' }, context_window: { source: 'openrouter' } } },
  };
  const catalog = () =>
    catalogOf(['openrouter', 'aihubmix'], [owned], [auto('openrouter', owned.id, { provider_model_id: 'anthropic/claude-sonnet-4.5' })]);
  const reported = fetched(owned.id, {
    provider_model_id: 'anthropic/claude-sonnet-4.5',
    name: 'Anthropic: Claude Sonnet 4.5',
    description: 'from the API',
    release_date: '2025-09-29',
    context_window: 1000000,
    pricing: { input: usd(3), output: usd(16) },
  });

  it("refreshes the base facts the source outranks, fills absent ones, keeps a person's, and dates what it writes", () => {
    const result = mergeProviderModels(catalog(), 'openrouter', [reported], { asOf: '2026-06-16' });
    const stamp = { source: 'openrouter', as_of: '2026-06-16' };
    expect(result.catalog.models).toEqual([
      {
        ...owned,
        name: 'Anthropic: Claude Sonnet 4.5',
        context_window: 1000000,
        release_date: '2025-09-29',
        metadata: { source: 'openrouter', provenance: { name: stamp, context_window: stamp, release_date: stamp } },
      },
    ]);
    expect(result.catalog.overrides).toEqual([
      auto('openrouter', owned.id, {
        provider_model_id: 'anthropic/claude-sonnet-4.5',
        limits: { context_window: 1000000 },
        pricing: { input: usd(3), output: usd(16) },
        provenance: stamp,
      }),
    ]);
    expect(result).toMatchObject({ status: 'updated', refreshedBaseModels: [owned.id], changed: [owned.id], added: [] });
    expect(catalogErrors(result.catalog)).toEqual([]);
  });

  it("a reference source writes its own band and leaves the provider's own band alone", () => {
    const before = catalog();
    const result = mergeProviderModels(before, 'openrouter', [{ ...reported, context_window: 200000 }], {
      source: 'models.dev',
      asOf: '2026-06-13',
    });
    expect(result.catalog.overrides).toEqual([
      auto('openrouter', owned.id, {
        priority: 20,
        provider_model_id: 'anthropic/claude-sonnet-4.5',
        limits: { context_window: 200000 },
        pricing: { input: usd(3), output: usd(16) },
        provenance: { source: 'models.dev', as_of: '2026-06-13' },
      }),
      before.overrides[0],
    ]);
    // The aggregator outranks models.dev on base facts, so its name stays.
    expect(result.catalog.models[0]?.name).toBe(owned.name);
  });

  it('keeps the override, as-of date included, when the source reports the same facts again', () => {
    const first = mergeProviderModels(catalog(), 'openrouter', [reported], { asOf: '2026-06-16' });
    const again = mergeProviderModels(first.catalog, 'openrouter', [reported], { asOf: '2026-07-01' });
    expect(again.status).toBe('unchanged');
    expect(again.catalog).toBe(first.catalog);
  });

  it("guards only the source's own band: losing the models another source lists is no loss", () => {
    const models = ['a', 'b', 'c'].map((id): Model => ({ id }));
    const overrides = models.map((m) => auto('openrouter', m.id, { priority: 20, provenance: { source: 'models.dev' } }));
    const before = catalogOf(['openrouter'], models, overrides);
    const own = mergeProviderModels(before, 'openrouter', [fetched('a')], {});
    expect(own.status).toBe('updated');
    expect(own.removed).toEqual([]);
    const reference = mergeProviderModels(before, 'openrouter', [fetched('a')], { source: 'models.dev' });
    expect(reference.status).toBe('failed');
  });
});

describe('mergeProviderModels: determinism', () => {
  const start = () =>
    groqCatalog([
      auto('groq', 'gpt-4o', { pricing: { input: usd(2) } }),
      auto('groq', 'mixtral-8x7b'),
      manual('groq', 'mixtral-8x7b', 100, { limits: { context_window: 16384 } }),
      auto('openai', 'gpt-4o'),
    ]);
  const list = [
    fetched('zeta-1', { name: 'Zeta', context_window: 4096, aliases: ['zeta'] }),
    fetched('gpt-4o', { provider_model_id: 'openai/gpt-4o', name: 'OpenAI: GPT-4o', pricing: { input: usd(2.5), output: usd(10.000000000000002) } }),
    fetched('gpt-4o', { provider_model_id: 'openai/gpt-4o:extended', variant: 'extended', context_window: 256000 }),
    fetched('mixtral-8x7b', { capabilities: ['FUNCTION_CALL'], release_date: '2023-12-11' }),
    fetched('alpha', { provider_model_id: 'Vendor/Alpha', pricing: { input: usd(0.8999999999999999) } }),
  ];

  it('gives deep-equal outputs for the same inputs and never mutates the input', () => {
    const input = deepFreeze(start());
    const first = mergeProviderModels(input, 'groq', list, {});
    const second = mergeProviderModels(input, 'groq', [...list].reverse(), {});
    expect(second).toEqual(first);
    expect(input).toEqual(start());
  });

  it('writes the catalog arrays in canonical order and form', () => {
    const { catalog } = mergeProviderModels(start(), 'groq', list, {});
    expect(catalog.models).toEqual(canonicalModels(catalog.models));
    expect(catalog.overrides).toEqual(canonicalOverrides(catalog.overrides));
    expect(catalog.models.map((m) => m.id)).toEqual(['alpha', 'gpt-4o', 'llama-3-8b', 'mixtral-8x7b', 'zeta-1']);
    expect(catalogErrors(catalog)).toEqual([]);
  });

  it('treats a second merge of the same list as a no-op', () => {
    const once = mergeProviderModels(start(), 'groq', list, {});
    expect(once.status).toBe('updated');
    const twice = mergeProviderModels(once.catalog, 'groq', list, {});
    expect(twice).toMatchObject({ status: 'unchanged', added: [], removed: [], changed: [], newBaseModels: [], refreshedBaseModels: [] });
    expect(twice.catalog).toEqual(once.catalog);
  });

  it('reports added, removed and changed as sorted base model ids', () => {
    const result = mergeProviderModels(start(), 'groq', list, {});
    expect(result).toMatchObject({
      added: ['alpha', 'gpt-4o (variant extended)', 'zeta-1'],
      removed: [],
      changed: ['gpt-4o', 'mixtral-8x7b'],
      newBaseModels: ['alpha', 'zeta-1'],
      refreshedBaseModels: ['mixtral-8x7b'],
    });
    const dropped = mergeProviderModels(result.catalog, 'groq', list.slice(0, 3), {});
    expect(dropped).toMatchObject({ added: [], removed: ['alpha', 'mixtral-8x7b'], changed: [] });
  });
});

describe('mergeProviderModels: scale', () => {
  it('merges a 600-model list into a catalog of 5,000 models and 25,000 overrides correctly', () => {
    const id = (i: number) => `model-${String(i).padStart(4, '0')}`;
    const models: Model[] = Array.from({ length: 5000 }, (_, i) => ({ id: id(i), context_window: 8192, pricing: { input: usd(1) } }));
    const overrides: Override[] = [];
    for (const p of ['a', 'b', 'c', 'd']) for (const m of models) overrides.push(auto(p, m.id));
    for (let i = 0; i < 600; i++) overrides.push(auto('big', id(i), { pricing: { input: usd(1) } }));
    for (let i = 600; i < 5000; i++) overrides.push(auto('e', id(i)));
    const catalog = catalogOf(['a', 'b', 'c', 'd', 'e', 'big'], models, overrides.sort((x, y) => (x.provider_id < y.provider_id ? -1 : x.provider_id > y.provider_id ? 1 : 0)));
    expect(catalog.overrides).toHaveLength(25000);

    // 500 of its models again (100 at a new price), 100 dropped, 100 new.
    const list = [
      ...Array.from({ length: 500 }, (_, k) => fetched(id(k + 100), k < 100 ? { pricing: { input: usd(2) } } : { pricing: { input: usd(1) } })),
      ...Array.from({ length: 100 }, (_, k) => fetched(`new-${String(k).padStart(3, '0')}`, { context_window: 4096 })),
    ];
    const result = mergeProviderModels(catalog, 'big', list, {});
    expect(result.status).toBe('updated');
    expect(result.added).toHaveLength(100);
    expect(result.removed).toEqual(Array.from({ length: 100 }, (_, i) => id(i)));
    expect(result.changed).toEqual(Array.from({ length: 100 }, (_, i) => id(i + 100)));
    expect(result.catalog.models).toHaveLength(5100);
    expect(result.catalog.overrides).toHaveLength(25000);
    const big = result.catalog.overrides.filter((o) => o.provider_id === 'big');
    expect(big.filter((o) => o.pricing)).toHaveLength(500);
    expect(applyOverrides(models[150] as Model, 'big', [big.find((o) => o.model_id === id(150)) as Override]).model.pricing).toEqual({ input: usd(2) });
    expect(catalogErrors(result.catalog)).toEqual([]);
  });
});

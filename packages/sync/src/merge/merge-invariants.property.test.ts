/**
 * Properties of the merge over arbitrary catalogs and fetched lists: a person's overrides are never
 * changed, the result is always a valid catalog, and merging the same list again changes nothing.
 */
import { isManualOverride, type Model, type Override, SOURCE_BANDS } from '@llm-catalog/catalog';
import { type NormalizedModel, NormalizedModelSchema } from '@llm-catalog/transformers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeProviderModels } from './merge-provider.ts';
import { catalogErrors, catalogOf, deepFreeze, usd } from '@llm-catalog/testkit/merge';

const RUNS = 500;
const BANDS = Object.values(SOURCE_BANDS);
const PROVIDERS = ['alpha', 'beta', 'openrouter'];
/** A small pool, so lists and catalogs overlap, and ids differ by case and separators as real ones do. */
const POOL = ['gpt-4o', 'gpt-4o-mini', 'claude-3.5-haiku', 'claude-3-5-haiku', 'llama-3-8b', 'qwen2.5-72b', 'gemini-pro', 'mistral-large'];

const poolId = fc.constantFrom(...POOL);
const price = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }).map((n) => n / 1000));
const context = fc.constantFrom(4096, 8192, 32768, 128000, 200000);
const capabilities = fc.uniqueArray(fc.constantFrom('FUNCTION_CALL', 'REASONING', 'IMAGE_RECOGNITION', 'STRUCTURED_OUTPUT' as const), { maxLength: 3 });

const modelFacts = fc.record(
  {
    name: fc.constantFrom('Model A', 'Model B', 'GPT-4o'),
    context_window: context,
    capabilities,
    pricing: fc.record({ input: price.map(usd), output: price.map(usd) }, { requiredKeys: ['input'] }),
  },
  { requiredKeys: [] },
);

/** A fetched entry: a pool id as the provider spells it (any case, a vendor prefix, a variant). */
const fetchedEntry: fc.Arbitrary<NormalizedModel> = fc
  .tuple(poolId, fc.constantFrom('', 'vendor/'), fc.boolean(), fc.option(fc.constantFrom('free', 'thinking'), { nil: undefined }), modelFacts)
  .map(([id, prefix, upper, variant, facts]) => {
    const spelled = `${prefix}${upper ? id.toUpperCase() : id}${variant ? `:${variant}` : ''}`;
    return { id, provider_model_id: spelled, ...(variant ? { variant } : {}), ...facts } as NormalizedModel;
  })
  // What a transformer can emit, and nothing else.
  .filter((entry) => NormalizedModelSchema.safeParse(entry).success);

/** A valid starting catalog: base models from the pool, auto overrides, and a person's overrides. */
const startingCatalog = fc
  .tuple(
    fc.uniqueArray(poolId, { maxLength: 6 }),
    fc.array(fc.tuple(fc.constantFrom(...PROVIDERS), fc.nat(), fc.boolean(), context, fc.constantFrom(...BANDS)), { maxLength: 6 }),
    fc.array(fc.tuple(fc.constantFrom(...PROVIDERS), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.boolean(), price), { maxLength: 5 }),
  )
  .map(([ids, autos, manuals]) => {
    const models: Model[] = ids.map((id) => ({ id }));
    const overrides: Override[] = [];
    const seen = new Set<string>();
    if (ids.length > 0) {
      for (const [provider, n, withLimit, limit, band] of autos) {
        const modelId = ids[n % ids.length]!;
        if (seen.has(`${provider}/${modelId}/${band}`)) continue;
        seen.add(`${provider}/${modelId}/${band}`);
        overrides.push({ provider_id: provider, model_id: modelId, priority: band, ...(withLimit ? { limits: { context_window: limit } } : {}) });
      }
      for (const [provider, n, step, disabled, amount] of manuals) {
        const modelId = ids[n % ids.length]!;
        const priority = 100 + step;
        if (seen.has(`${provider}/${modelId}/${priority}`)) continue;
        seen.add(`${provider}/${modelId}/${priority}`);
        overrides.push({
          provider_id: provider,
          model_id: modelId,
          priority,
          reason: 'set by a person',
          ...(disabled ? { disabled: true } : { pricing: { input: usd(amount) } }),
        });
      }
    }
    return catalogOf(PROVIDERS, models, overrides);
  })
  .filter((catalog) => catalogErrors(catalog).length === 0);

const run = fc.record({
  catalog: startingCatalog,
  providerId: fc.constantFrom(...PROVIDERS),
  list: fc.array(fetchedEntry, { maxLength: 8 }),
  // The provider's own list (the default source), or a reference catalog writing its own band.
  source: fc.constantFrom(undefined, 'models.dev', 'litellm'),
  allowRemovals: fc.boolean(),
});

/** A person's overrides, as a set: the writer orders overrides, so their position is not content. */
const manualOverrides = (overrides: readonly Override[]) => overrides.filter(isManualOverride).map((o) => JSON.stringify(o)).sort();

describe('mergeProviderModels on arbitrary catalogs, lists and sources', () => {
  it("never changes or removes a person's override", () => {
    fc.assert(
      fc.property(run, ({ catalog, providerId, list, source, allowRemovals }) => {
        const result = mergeProviderModels(deepFreeze(catalog), providerId, list, { ...(source ? { source } : {}), allowRemovals });
        expect(manualOverrides(result.catalog.overrides)).toEqual(manualOverrides(catalog.overrides));
      }),
      { numRuns: RUNS },
    );
  });

  it('always gives a catalog that validates', () => {
    fc.assert(
      fc.property(run, ({ catalog, providerId, list, source, allowRemovals }) => {
        const result = mergeProviderModels(catalog, providerId, list, { ...(source ? { source } : {}), allowRemovals });
        expect(catalogErrors(result.catalog)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it('merging the same list a second time changes nothing', () => {
    fc.assert(
      fc.property(run, ({ catalog, providerId, list, source, allowRemovals }) => {
        const once = mergeProviderModels(catalog, providerId, list, { ...(source ? { source } : {}), allowRemovals });
        const twice = mergeProviderModels(once.catalog, providerId, list, { ...(source ? { source } : {}), allowRemovals });
        expect(twice.status === 'updated').toBe(false);
        expect(twice.catalog).toEqual(once.catalog);
      }),
      { numRuns: RUNS },
    );
  });
});

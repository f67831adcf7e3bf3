/**
 * The two invariants of several sources (issue 9): isolation (a fact one of a provider's own sources
 * reported never changes because another source was imported) and determinism (the same body twice,
 * or the sources in any order, give byte-identical files), over generated catalogs and bodies.
 */
import {
  type Catalog,
  type Capability,
  indexCatalog,
  planCatalogWrite,
  resolveProviderModels,
} from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeProviderModels } from './merge-provider.ts';
import { catalogOf, fetched, usd } from '@llm-catalog/testkit/merge';

const RUNS = 200;
const PROVIDERS = ['aihubmix', 'groq', 'openrouter', 'together'] as const;
const MODEL_IDS = ['claude-sonnet-4-5', 'gpt-4o', 'llama-3.3-70b-instruct', 'qwen3-32b', 'deepseek-v3'];
const CAPABILITIES: Capability[] = ['FUNCTION_CALL', 'REASONING', 'IMAGE_RECOGNITION', 'STRUCTURED_OUTPUT'];

/** One source's import: the lists it gives, per provider, and the date it is as of. */
interface SourceImport {
  source: string;
  asOf: string;
  lists: Partial<Record<string, NormalizedModel[]>>;
}

const price = fc.integer({ min: 0, max: 20_000 }).map((cents) => usd(cents / 100));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/**
 * An entry as a source reports it: consistent in itself, as a transformer's output is, but free to
 * contradict another source's (one's output limit above the other's context window).
 */
const entry = (providerId: string) =>
  fc
    .record({
      id: fc.constantFrom(...MODEL_IDS),
      spelled: fc.boolean(),
      name: optional(fc.constantFrom('Model', 'The Model', 'Model (new)')),
      context_window: optional(fc.constantFrom(8192, 32768, 128000, 200000, 1000000)),
      max_output_tokens: optional(fc.constantFrom(1024, 4096, 65536, 200000)),
      max_input_tokens: optional(fc.constantFrom(4096, 100000, 900000)),
      pricing: optional(fc.record({ input: price, output: price }, { requiredKeys: ['input'] })),
      capabilities: optional(fc.subarray(CAPABILITIES, { minLength: 1 })),
      release_date: optional(fc.constantFrom('2025-01-01', '2025-06-30')),
      last_updated: optional(fc.constantFrom('2025-03-01', '2025-12-31')),
    })
    .filter(
      (e) =>
        (e.context_window === undefined || ((e.max_output_tokens ?? 0) <= e.context_window && (e.max_input_tokens ?? 0) <= e.context_window)) &&
        (e.release_date === undefined || e.last_updated === undefined || e.release_date <= e.last_updated),
    )
    .map(({ id, spelled, ...facts }): NormalizedModel => {
      const defined = Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined));
      return fetched(id, { ...defined, provider_model_id: spelled ? `${providerId}/${id}` : id });
    });

const list = (providerId: string) =>
  fc.uniqueArray(entry(providerId), { selector: (e) => e.id, minLength: 1, maxLength: MODEL_IDS.length });

/** A reference source listing some of the providers. */
const referenceImport = (source: string, asOf: string, providers: readonly string[] = PROVIDERS) =>
  fc
    .subarray([...providers], { minLength: 1 })
    .chain((ids) => fc.tuple(...ids.map((id) => list(id).map((l) => [id, l] as const))))
    .map((pairs): SourceImport => ({ source, asOf, lists: Object.fromEntries(pairs) }));

/** A provider's own list API. */
const ownImport = (providerId: string, asOf: string) =>
  list(providerId).map((l): SourceImport => ({ source: providerId, asOf, lists: { [providerId]: l } }));

/**
 * Applies one import as the importer does: its providers one at a time, in id order, the first
 * entry of a model speaking for its base facts.
 */
function applyImport(catalog: Catalog, imp: SourceImport): Catalog {
  let out = catalog;
  const settled = new Set<string>();
  for (const providerId of Object.keys(imp.lists).sort()) {
    const result = mergeProviderModels(out, providerId, imp.lists[providerId] ?? [], {
      source: imp.source,
      asOf: imp.asOf,
      allowRemovals: true,
      settledModels: settled,
    });
    out = result.catalog;
    for (const id of result.spokenFor) settled.add(id);
  }
  return out;
}

const emptyCatalog = () => catalogOf([...PROVIDERS]);
const filesOf = (catalog: Catalog) =>
  planCatalogWrite(catalog, {}, new Date('2026-07-28T00:00:00Z')).map((f) => f.text);

const OFFERING_FACTS = ['provider_model_id', 'context_window', 'max_output_tokens', 'max_input_tokens'] as const;

/**
 * The offering facts a source reported for a provider, as (model id, resolved field) pairs. A source
 * speaks for each capability it reported, not for the whole list: one it did not report follows the
 * base model.
 */
function reportedFacts(imp: SourceImport, providerId: string): [string, string][] {
  const out: [string, string][] = [];
  for (const e of imp.lists[providerId] ?? []) {
    for (const key of OFFERING_FACTS) if (e[key] !== undefined) out.push([e.id, key]);
    for (const cap of e.capabilities ?? []) out.push([e.id, `capability.${cap}`]);
    for (const key of Object.keys(e.pricing ?? {})) out.push([e.id, `pricing.${key}`]);
  }
  return out;
}

function resolvedFact(catalog: Catalog, providerId: string, modelId: string, key: string): unknown {
  const model = resolveProviderModels(indexCatalog(catalog), providerId).find((m) => m.id === modelId);
  if (!model) return undefined;
  if (key.startsWith('pricing.')) return (model.pricing as Record<string, unknown> | undefined)?.[key.slice(8)];
  if (key.startsWith('capability.')) return model.capabilities?.includes(key.slice(11) as Capability);
  return (model as Record<string, unknown>)[key];
}

/** The sources of aihubmix: its own list and both reference catalogs. */
const aihubmixSources = fc.tuple(
  ownImport('aihubmix', '2026-07-01'),
  referenceImport('models.dev', '2026-06-13'),
  referenceImport('litellm', '2026-07-24'),
);

/** Imports that never list aihubmix: other providers' own lists, reference catalogs without it. */
const otherSource = fc.oneof(
  ownImport('openrouter', '2026-06-16'),
  ownImport('groq', '2026-07-02'),
  referenceImport('models.dev', '2026-08-01', ['groq', 'openrouter', 'together']),
  referenceImport('litellm', '2026-08-02', ['groq', 'openrouter', 'together']),
);

describe('isolation: a provider offering changes only when one of its own sources reports a change', () => {
  it("import openrouter does not change aihubmix's claude-sonnet-4-5 context window", () => {
    const aihubmix: SourceImport = {
      source: 'aihubmix',
      asOf: '2026-07-01',
      lists: { aihubmix: [fetched('claude-sonnet-4-5', { context_window: 200000 })] },
    };
    const openrouter: SourceImport = {
      source: 'openrouter',
      asOf: '2026-06-16',
      lists: { openrouter: [fetched('claude-sonnet-4-5', { provider_model_id: 'anthropic/claude-sonnet-4.5', context_window: 1000000 })] },
    };
    const before = applyImport(emptyCatalog(), aihubmix);
    const after = applyImport(before, openrouter);
    expect(after.models[0]?.context_window).toBe(1000000);
    expect(resolvedFact(after, 'aihubmix', 'claude-sonnet-4-5', 'context_window')).toBe(200000);
    expect(applyImport(after, aihubmix)).toEqual(after);
  });

  it(`holds for generated catalogs and bodies (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        // A history of the provider's own sources and others, in an arbitrary interleaving.
        fc
          .tuple(aihubmixSources, fc.array(otherSource, { maxLength: 3 }))
          .chain(([own, others]) => fc.shuffledSubarray([...own, ...others], { minLength: own.length + others.length })),
        otherSource,
        (earlier, intruder) => {
          const before = earlier.reduce(applyImport, emptyCatalog());
          const after = applyImport(before, intruder);
          const reported = earlier.flatMap((imp) => reportedFacts(imp, 'aihubmix'));
          for (const [modelId, key] of reported) {
            const was = resolvedFact(before, 'aihubmix', modelId, key);
            expect(was, `${modelId} ${key}`).toBeDefined();
            expect(resolvedFact(after, 'aihubmix', modelId, key), `${modelId} ${key}`).toEqual(was);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('determinism: the same inputs in any order give the same bytes', () => {
  const allSources = fc.tuple(
    referenceImport('models.dev', '2026-06-13'),
    referenceImport('litellm', '2026-07-24'),
    ownImport('openrouter', '2026-06-16'),
    ownImport('aihubmix', '2026-07-01'),
    ownImport('groq', '2026-07-28'),
  );

  it(`importing the same body twice changes nothing, and any order gives the same files (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        allSources.chain((sources) => fc.tuple(fc.constant(sources), fc.shuffledSubarray(sources, { minLength: sources.length }))),
        ([sources, shuffled]) => {
          const inOrder = sources.reduce(applyImport, emptyCatalog());
          const files = filesOf(inOrder);
          for (const imp of sources) expect(filesOf(applyImport(inOrder, imp))).toEqual(files);
          expect(filesOf(shuffled.reduce(applyImport, emptyCatalog()))).toEqual(files);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

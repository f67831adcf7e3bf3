import { canonicalModels, type Model, MODEL_FACT_KEYS, type ModelFactKey } from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import { sameValue } from './same-value.ts';
import { AGGREGATOR_IMPORTERS, type MergeNote } from './types.ts';

const canonicalModel = (model: Model): Model => canonicalModels([model])[0] ?? model;

/** The facts an entry reports, each marked as coming from `sourceId`. */
function provenanceOf(entry: Partial<Record<ModelFactKey, unknown>>, sourceId: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of MODEL_FACT_KEYS) if (entry[key] !== undefined) out[key] = sourceId;
  return out;
}

/**
 * A new base model holding exactly what the source reported, with `metadata.source` naming the
 * provider that added it and `metadata.provenance` marking each fact as that provider's, so a later
 * import knows it may refresh them. `aliases` are the source's aliases the caller found free to use.
 */
export function baseModelFromSource(source: NormalizedModel, sourceId: string, aliases: string[]): Model {
  const { provider_model_id: _providerModelId, variant: _variant, ...reported } = source;
  const provenance = provenanceOf(reported, sourceId);
  return canonicalModel({
    ...reported,
    aliases: aliases.length > 0 ? aliases : undefined,
    metadata: {
      ...reported.metadata,
      source: sourceId,
      provenance: Object.keys(provenance).length > 0 ? provenance : undefined,
    },
  });
}

export interface RefreshedModel {
  model: Model;
  /** The facts whose value changed (refreshed or filled), in `MODEL_FACT_KEYS` order. */
  changedFacts: ModelFactKey[];
  notes: MergeNote[];
}

const LIMIT_FACTS = ['context_window', 'max_output_tokens'] as const satisfies readonly ModelFactKey[];

/**
 * Whether importer `sourceId` may take over a fact recorded by `owner`: its own, a plain provider
 * sync's, or a lower-precedence importer's. A person's fact has no owner and is never passed here.
 */
export function importerMayReplace(sourceId: string, owner: string): boolean {
  if (owner === sourceId) return true;
  const rank = (id: string) => {
    const i = (AGGREGATOR_IMPORTERS as readonly string[]).indexOf(id);
    return i === -1 ? AGGREGATOR_IMPORTERS.length : i;
  };
  return rank(sourceId) < rank(owner);
}

/**
 * An authoritative importer's view of an existing base model (docs/data-contract.md): a fact the importer may
 * replace (see `importerMayReplace`) takes its new value and becomes the importer's, an absent fact
 * is filled and becomes the importer's, and a person's fact (no provenance) is left alone. Facts the
 * importer no longer reports are kept: a source dropping a field for a day must not erase it.
 */
export function refreshBaseFacts(base: Model, source: NormalizedModel, sourceId: string): RefreshedModel {
  const provenance = { ...base.metadata?.provenance };
  const next: Record<string, unknown> = { ...base };
  const changed = new Set<ModelFactKey>();
  for (const key of MODEL_FACT_KEYS) {
    const reported = source[key];
    if (reported === undefined) continue;
    const current = base[key];
    const owner = provenance[key];
    const mayWrite = current === undefined || (owner !== undefined && importerMayReplace(sourceId, owner));
    if (!mayWrite) continue;
    if (owner !== sourceId) {
      provenance[key] = sourceId;
      changed.add(key);
    }
    if (!sameValue(current, reported)) {
      next[key] = reported;
      changed.add(key);
    }
  }

  const notes: MergeNote[] = [];
  const context = next.context_window as number | undefined;
  const maxOutput = next.max_output_tokens as number | undefined;
  if (context !== undefined && maxOutput !== undefined && maxOutput > context) {
    // The new value of one limit contradicts a value the importer may not touch; writing either
    // would make the model invalid or pick a winner silently, so both keep their current values.
    for (const key of LIMIT_FACTS) {
      next[key] = base[key];
      changed.delete(key);
      const owner = base.metadata?.provenance?.[key];
      if (owner === undefined) delete provenance[key];
      else provenance[key] = owner;
    }
    notes.push({
      kind: 'collision',
      model_id: base.id,
      message:
        `the source's limits conflict with base model "${base.id}": max_output_tokens ${maxOutput} would exceed ` +
        `context_window ${context}; kept the current limits`,
    });
  }

  if (changed.size === 0) return { model: base, changedFacts: [], notes };
  next.metadata = { ...base.metadata, provenance: Object.keys(provenance).length > 0 ? provenance : undefined };
  return {
    model: canonicalModel(next as Model),
    changedFacts: MODEL_FACT_KEYS.filter((k) => changed.has(k)),
    notes,
  };
}

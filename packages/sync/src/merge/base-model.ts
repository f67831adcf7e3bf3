import {
  canonicalModels,
  type Model,
  ModelSchema,
  MODEL_FACT_KEYS,
  type ModelFactKey,
  outranks,
  type Provenance,
} from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import { sameValue } from './same-value.ts';
import type { MergeNote } from './types.ts';

const canonicalModel = (model: Model): Model => canonicalModels([model])[0] ?? model;

/** The stamp a source puts on each fact it writes. */
export const provenanceOf = (source: string, asOf: string | undefined): Provenance =>
  asOf === undefined ? { source } : { source, as_of: asOf };

/**
 * A new base model holding exactly what the source reported, with `metadata.source` naming the
 * source that added it and `metadata.provenance` marking each fact as that source's, as of `asOf`,
 * so a later run knows who may refresh it. `aliases` are the source's aliases found free to use.
 */
export function baseModelFromSource(
  source: NormalizedModel,
  sourceId: string,
  aliases: string[],
  asOf?: string,
): Model {
  const { provider_model_id: _providerModelId, variant: _variant, ...reported } = source;
  const stamp = provenanceOf(sourceId, asOf);
  const provenance: Record<string, Provenance> = {};
  for (const key of MODEL_FACT_KEYS) if (reported[key] !== undefined) provenance[key] = stamp;
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
  /** The facts whose value or owner changed (refreshed or filled), in `MODEL_FACT_KEYS` order. */
  changedFacts: ModelFactKey[];
  notes: MergeNote[];
}

/**
 * Facts the model schema checks against each other (limits, the release dates, the end-of-life
 * dates). Facts from different sources may contradict one another; writing part of a group would
 * make the model invalid or pick a winner silently, so a group that would contradict keeps its
 * current values whole.
 */
const LINKED_FACTS: readonly (readonly ModelFactKey[])[] = [
  ['context_window', 'max_output_tokens', 'max_input_tokens'],
  ['release_date', 'last_updated'],
  ['deprecation_date', 'shutdown_date'],
];

/** The groups of linked facts the schema rejects in `candidate`. */
function contradictedGroups(candidate: Record<string, unknown>): (readonly ModelFactKey[])[] {
  const checked = ModelSchema.safeParse(candidate);
  if (checked.success) return [];
  const fields = new Set(checked.error.issues.map((i) => String(i.path[0])));
  return LINKED_FACTS.filter((group) => group.some((key) => fields.has(key)));
}

/**
 * A source's view of an existing base model: a fact it outranks the owner of (see `outranks`: its
 * own, or a lower-precedence source's) takes its value, an absent fact is filled, and a person's fact
 * (no provenance) is left alone. Since every source follows this rule, a fact ends with the value of
 * the highest-precedence source that reported it, whichever order they ran in. A fact keeps its
 * as-of date while its value and source are unchanged, so a repeated run rewrites nothing. Facts the
 * source no longer reports are kept: a source dropping a field for a day must not erase it.
 */
export function refreshBaseFacts(
  base: Model,
  source: NormalizedModel,
  sourceId: string,
  asOf?: string,
): RefreshedModel {
  const provenance = { ...base.metadata?.provenance };
  const next: Record<string, unknown> = { ...base };
  const changed = new Set<ModelFactKey>();
  const stamp = provenanceOf(sourceId, asOf);
  for (const key of MODEL_FACT_KEYS) {
    const reported = source[key];
    if (reported === undefined) continue;
    const current = base[key];
    const owner = provenance[key]?.source;
    const mayWrite = current === undefined || (owner !== undefined && outranks(sourceId, owner));
    if (!mayWrite) continue;
    if (owner !== sourceId || !sameValue(current, reported)) {
      next[key] = reported;
      provenance[key] = stamp;
      changed.add(key);
    }
  }

  const notes: MergeNote[] = [];
  for (const group of changed.size > 0 ? contradictedGroups(next) : []) {
    const written = group.filter((key) => changed.has(key));
    if (written.length === 0) continue;
    for (const key of group) {
      next[key] = base[key];
      changed.delete(key);
      const owner = base.metadata?.provenance?.[key];
      if (owner === undefined) delete provenance[key];
      else provenance[key] = owner;
    }
    const values = group.map((key) => `${key} ${String(source[key] ?? base[key] ?? '-')}`).join(', ');
    notes.push({
      kind: 'collision',
      model_id: base.id,
      message: `the source's ${values} contradict base model "${base.id}"'s other facts; kept the current ${group.join(', ')}`,
    });
  }

  const recordOwner = base.metadata?.source;
  const takesRecord = recordOwner !== undefined && recordOwner !== sourceId && recordOwner !== 'manual' && outranks(sourceId, recordOwner);
  if (changed.size === 0 && !takesRecord) return { model: base, changedFacts: [], notes };
  next.metadata = {
    ...base.metadata,
    // The model is credited to the highest-precedence source that reported it, so the credit does
    // not depend on which source happened to run first.
    ...(takesRecord ? { source: sourceId } : {}),
    provenance: Object.keys(provenance).length > 0 ? provenance : undefined,
  };
  return {
    model: canonicalModel(next as Model),
    changedFacts: MODEL_FACT_KEYS.filter((k) => changed.has(k)),
    notes,
  };
}

import {
  canonicalModels,
  type Model,
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
 * Pairs of facts the model schema checks against each other: the first must not exceed the second
 * (limits as numbers, dates as text, as the schema compares them).
 */
const ORDERED_PAIRS = [
  ['max_output_tokens', 'context_window'],
  ['max_input_tokens', 'context_window'],
  ['release_date', 'last_updated'],
  ['deprecation_date', 'shutdown_date'],
] as const satisfies readonly (readonly [ModelFactKey, ModelFactKey])[];

/** Whether the fact owned by `a` wins over the one owned by `b` (undefined: a person, who always wins). */
const prevails = (a: string | undefined, b: string | undefined) =>
  a === undefined ? true : b === undefined ? false : outranks(a, b);

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

  // Facts from different sources may contradict each other (one source's output limit above
  // another's context window). The fact of the lower-precedence source gives way: a value this
  // source just wrote is not written, another source's older value is left out (unknown), so the
  // result does not depend on which source ran first.
  const notes: MergeNote[] = [];
  for (const [low, high] of changed.size > 0 ? ORDERED_PAIRS : []) {
    const a = next[low] as number | string | undefined;
    const b = next[high] as number | string | undefined;
    if (a === undefined || b === undefined || a <= b) continue;
    const loser = prevails(provenance[low]?.source, provenance[high]?.source) ? high : low;
    const before = base.metadata?.provenance?.[loser];
    if (changed.has(loser) && base[loser] !== undefined) {
      next[loser] = base[loser];
      if (before === undefined) delete provenance[loser];
      else provenance[loser] = before;
    } else {
      delete next[loser];
      delete provenance[loser];
    }
    changed.add(loser);
    notes.push({
      kind: 'collision',
      model_id: base.id,
      message: `${low} ${a} exceeds ${high} ${b} on base model "${base.id}"; the lower-precedence ${loser} gave way`,
    });
  }
  for (const key of [...changed]) {
    if (sameValue(next[key], base[key]) && sameValue(provenance[key], base.metadata?.provenance?.[key])) changed.delete(key);
  }

  const recordOwner = base.metadata?.source;
  const takesRecord = recordOwner !== undefined && recordOwner !== sourceId && recordOwner !== 'manual' && outranks(sourceId, recordOwner);
  const owner = takesRecord ? sourceId : recordOwner;
  // What else the source says of the model (its canonical slug, dynamic pricing): the record owner's
  // word, and anyone's where nobody has said it, so the result does not depend on the order of sources.
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source.metadata ?? {})) {
    if (key === 'source' || key === 'provenance' || value === undefined) continue;
    const current = base.metadata?.[key];
    if (current === undefined || (owner !== undefined && outranks(sourceId, owner) && !sameValue(current, value))) {
      extras[key] = value;
    }
  }
  const hasExtras = Object.keys(extras).length > 0;
  if (changed.size === 0 && !takesRecord && !hasExtras) return { model: base, changedFacts: [], notes };
  next.metadata = {
    ...base.metadata,
    ...extras,
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

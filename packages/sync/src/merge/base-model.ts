import {
  canonicalModel,
  compareKeys,
  type Model,
  MODEL_FACT_KEYS,
  type ModelFactKey,
  outranks,
  type Provenance,
} from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import { sameValue } from './same-value.ts';
import type { MergeNote } from './types.ts';

/** The stamp a source puts on each fact it writes, its keys in the files' order (one object shared by a run's overrides). */
export const provenanceOf = (source: string, asOf: string | undefined): Provenance =>
  asOf === undefined ? { source } : { as_of: asOf, source };

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
  // In the files' key order, so that making the model canonical copies nothing more.
  const provenance: Record<string, Provenance> = {};
  for (const key of FACT_KEYS_IN_FILE_ORDER) if (reported[key] !== undefined) provenance[key] = stamp;
  return canonicalModel({
    ...reported,
    aliases: aliases.length > 0 ? aliases : undefined,
    metadata: {
      ...reported.metadata,
      ...(Object.keys(provenance).length > 0 ? { provenance } : {}),
      source: sourceId,
    },
  }, true);
}

/** The fact keys as a canonical file orders them (`name` leads, as it does in any object). */
const FACT_KEYS_IN_FILE_ORDER = [...MODEL_FACT_KEYS].sort(compareKeys);

export interface RefreshedModel {
  model: Model;
  /** The facts whose value or owner changed (refreshed or filled), in `MODEL_FACT_KEYS` order. */
  changedFacts: ModelFactKey[];
  notes: MergeNote[];
}

/**
 * Facts the model schema checks against each other: the first of each pair must not exceed the
 * second (limits as numbers, dates as text, as the schema compares them).
 */
const ORDERED_PAIRS = [
  ['max_output_tokens', 'context_window'],
  ['max_input_tokens', 'context_window'],
  ['release_date', 'last_updated'],
  ['deprecation_date', 'shutdown_date'],
] as const satisfies readonly (readonly [ModelFactKey, ModelFactKey])[];

/**
 * Facts held as one: a group's values all come from one source, the highest-precedence one that
 * reported any of them. Facts of two sources could contradict each other (one's output limit above
 * the other's context window), and which of them survived would then depend on the order the
 * sources ran in; a group from one source is as consistent as that source.
 */
const LINKED_FACTS: readonly (readonly ModelFactKey[])[] = [
  ['context_window', 'max_output_tokens', 'max_input_tokens'],
  ['release_date', 'last_updated'],
  ['deprecation_date', 'shutdown_date'],
];
const LINKED = new Set<ModelFactKey>(LINKED_FACTS.flat());

/**
 * The facts a refresh is writing: the model's values and their provenance as the refresh has left
 * them. The copies are made at the first change, since most refreshes change nothing (a nightly run
 * hears the same facts again) and a large sync refreshes a model for every offering it lists.
 */
class FactDraft {
  private facts: Record<string, unknown> | undefined;
  private stamps: Record<string, Provenance> | undefined;

  constructor(private readonly base: Model) {}

  get changed(): boolean {
    return this.facts !== undefined;
  }

  value(key: ModelFactKey): unknown {
    return (this.facts ?? this.base)[key];
  }

  ownerOf(key: ModelFactKey): string | undefined {
    return (this.stamps ?? this.base.metadata?.provenance)?.[key]?.source;
  }

  /** A person's fact: a value no source is recorded for. */
  isPersons(key: ModelFactKey): boolean {
    return this.base[key] !== undefined && (this.stamps ?? this.base.metadata?.provenance)?.[key] === undefined;
  }

  set(key: ModelFactKey, value: unknown, stamp: Provenance): void {
    this.writableFacts()[key] = value;
    this.writableStamps()[key] = stamp;
  }

  unset(key: ModelFactKey): void {
    delete this.writableFacts()[key];
    delete this.writableStamps()[key];
  }

  writableFacts(): Record<string, unknown> {
    return (this.facts ??= { ...this.base });
  }

  writableStamps(): Record<string, Provenance> {
    this.writableFacts();
    return (this.stamps ??= { ...this.base.metadata?.provenance });
  }
}

interface GroupState {
  base: Model;
  source: NormalizedModel;
  sourceId: string;
  draft: FactDraft;
  write: (key: ModelFactKey, value: unknown) => void;
}

/**
 * The linked groups the source outranks every owner of: it takes each whole (its values, and
 * nothing of a lower source's beside them). A person's fact stays, and a value of the source's that
 * contradicts it is left out and noted.
 */
function takeLinkedGroups({ base, source, sourceId, draft, write }: GroupState): MergeNote[] {
  const notes: MergeNote[] = [];
  for (const group of LINKED_FACTS) {
    if (!group.some((key) => source[key] !== undefined)) continue;
    const outranksOwners = group.every((key) => {
      const owner = draft.ownerOf(key);
      return owner === undefined || outranks(sourceId, owner);
    });
    if (!outranksOwners) continue;
    for (const key of group) {
      if (draft.isPersons(key)) continue;
      const reported = source[key];
      if (reported !== undefined) write(key, reported);
      else if (draft.value(key) !== undefined) draft.unset(key);
    }
    for (const [low, high] of ORDERED_PAIRS) {
      if (!group.includes(low)) continue;
      const a = draft.value(low) as number | string | undefined;
      const b = draft.value(high) as number | string | undefined;
      if (a === undefined || b === undefined || a <= b) continue;
      const dropped = draft.isPersons(low) ? high : low;
      draft.unset(dropped);
      notes.push({
        kind: 'collision',
        model_id: base.id,
        message: `the source's ${dropped} contradicts a person's ${dropped === low ? high : low} on base model "${base.id}"; left out`,
      });
    }
  }
  return notes;
}

/**
 * What else the source says of the model (its canonical slug, dynamic pricing): the record owner's
 * word, and anyone's where nobody has said it, so the result does not depend on the order of sources.
 */
function extraMetadata(
  base: Model,
  source: NormalizedModel,
  sourceId: string,
  owner: string | undefined,
): Record<string, unknown> | undefined {
  let extras: Record<string, unknown> | undefined;
  const metadata = source.metadata ?? {};
  for (const key of Object.keys(metadata)) {
    const value = metadata[key];
    if (key === 'source' || key === 'provenance' || value === undefined) continue;
    const current = base.metadata?.[key];
    if (current === undefined || (owner !== undefined && outranks(sourceId, owner) && !sameValue(current, value))) {
      (extras ??= {})[key] = value;
    }
  }
  return extras;
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
  const draft = new FactDraft(base);
  const stamp = provenanceOf(sourceId, asOf);
  const write = (key: ModelFactKey, value: unknown) => {
    if (draft.ownerOf(key) === sourceId && sameValue(draft.value(key), value)) return;
    draft.set(key, value, stamp);
  };
  for (const key of MODEL_FACT_KEYS) {
    const reported = source[key];
    if (reported === undefined || LINKED.has(key)) continue;
    const owner = draft.ownerOf(key);
    if (base[key] === undefined || (owner !== undefined && outranks(sourceId, owner))) write(key, reported);
  }

  const notes = takeLinkedGroups({ base, source, sourceId, draft, write });
  const changed = draft.changed ? changedFacts(base, draft) : NOTHING_CHANGED;

  const recordOwner = base.metadata?.source;
  const takesRecord = recordOwner !== undefined && recordOwner !== sourceId && recordOwner !== 'manual' && outranks(sourceId, recordOwner);
  const owner = takesRecord ? sourceId : recordOwner;
  const extras = extraMetadata(base, source, sourceId, owner);
  if (changed.size === 0 && !takesRecord && extras === undefined) return { model: base, changedFacts: [], notes };
  const next = draft.writableFacts();
  const provenance = draft.writableStamps();
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

const NOTHING_CHANGED: ReadonlySet<ModelFactKey> = new Set();

/** The facts whose value or owner the draft changed. */
function changedFacts(base: Model, draft: FactDraft): Set<ModelFactKey> {
  const stamps = draft.writableStamps();
  return new Set(
    MODEL_FACT_KEYS.filter(
      (key) => !sameValue(draft.value(key), base[key]) || !sameValue(stamps[key], base.metadata?.provenance?.[key]),
    ),
  );
}

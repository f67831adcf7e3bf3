import { byCodePoint, MODEL_FACT_KEYS } from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import { comparisonKey, sameValue } from './same-value.ts';
import type { MergeNote } from './types.ts';

/** One offering of this provider: the fetched entry that speaks for it, its base model id and variant. */
export interface Offering {
  /** An existing base model's id, or the id of the base model to add. */
  modelId: string;
  /** Absent for the plain offering of the model. */
  variant?: string;
  source: NormalizedModel;
}

/** How an offering of one provider is keyed: its model and variant. */
export const offeringId = (o: { modelId: string; variant?: string | undefined }): string =>
  o.variant === undefined ? o.modelId : `${o.modelId}\u0000${o.variant}`;

/** The base model id of an `offeringId`. */
export const modelIdOfOffering = (id: string): string => id.split('\u0000', 1)[0] ?? id;

/** An offering as people read it: `model` or `model (variant v)`. */
export const offeringName = (o: { modelId: string; variant?: string | undefined }): string =>
  o.variant === undefined ? o.modelId : `${o.modelId} (variant ${o.variant})`;

/** The base model a fetched entry names (an existing one, or the id of one to add), and its variant. */
export interface IdentityOfEntry {
  modelId: string;
  variant?: string;
}
export type BaseIdLookup = (entry: NormalizedModel) => IdentityOfEntry;

/**
 * The order in which entries naming one model compete to speak for it: an entry without a variant
 * (`x` before `x:free`), then one that names the base id itself rather than an alias, then the first
 * provider spelling in code-point order; identical spellings (a provider listing a model twice) are
 * ordered by content so the choice never depends on the order of the response.
 */
function compareCandidates(modelId: string) {
  return (a: NormalizedModel, b: NormalizedModel) =>
    Number(a.variant !== undefined) - Number(b.variant !== undefined) ||
    Number(a.id !== modelId) - Number(b.id !== modelId) ||
    byCodePoint(a.provider_model_id, b.provider_model_id) ||
    byCodePoint(comparisonKey(a), comparisonKey(b));
}

/** The facts on which two entries for the same model disagree. */
function disagreeingFacts(a: NormalizedModel, b: NormalizedModel): string[] {
  return MODEL_FACT_KEYS.filter((key) => !sameValue(a[key], b[key]));
}

function foldNote(modelId: string, kept: NormalizedModel, folded: NormalizedModel): MergeNote {
  if (folded.variant !== undefined) {
    return {
      kind: 'folded-variant',
      model_id: modelId,
      message: `"${folded.provider_model_id}" (variant "${folded.variant}") folded into "${kept.provider_model_id}", the one offering of model "${modelId}"`,
    };
  }
  const facts = disagreeingFacts(kept, folded);
  if (facts.length > 0) {
    const why = kept.id === modelId && folded.id !== modelId ? 'it names the base id' : 'its spelling sorts first';
    return {
      kind: 'collision',
      model_id: modelId,
      message:
        `"${kept.provider_model_id}" and "${folded.provider_model_id}" both name model "${modelId}" but disagree on ` +
        `${facts.join(', ')}; kept "${kept.provider_model_id}" (${why}) and dropped the values of "${folded.provider_model_id}"`,
    };
  }
  return {
    kind: 'folded-variant',
    model_id: modelId,
    message: `"${folded.provider_model_id}" is another spelling of "${kept.provider_model_id}" (model "${modelId}") with the same facts; folded into one offering`,
  };
}

/**
 * Maps fetched entries to base models and variants, and folds every group that names one offering
 * (model and variant) into one, since a source states one auto override per offering. Every entry
 * folded away is named in a note. Offerings are sorted by model id, the plain offering first.
 */
export function collectOfferings(
  fetched: readonly NormalizedModel[],
  lookup: BaseIdLookup,
): { offerings: Offering[]; notes: MergeNote[] } {
  const groups = new Map<string, { identity: IdentityOfEntry; entries: NormalizedModel[] }>();
  for (const entry of fetched) {
    const identity = lookup(entry);
    const key = offeringId(identity);
    const group = groups.get(key);
    if (group) group.entries.push(entry);
    else groups.set(key, { identity, entries: [entry] });
  }
  const offerings: Offering[] = [];
  const notes: MergeNote[] = [];
  for (const key of [...groups.keys()].sort(byCodePoint)) {
    const group = groups.get(key);
    if (!group) continue;
    const { identity, entries } = group;
    const offering = (source: NormalizedModel): Offering =>
      identity.variant === undefined ? { modelId: identity.modelId, source } : { modelId: identity.modelId, variant: identity.variant, source };
    // Nearly every group is one entry: nothing to choose, nothing folded.
    if (entries.length === 1) {
      offerings.push(offering(entries[0] as NormalizedModel));
      continue;
    }
    const [kept, ...folded] = [...entries].sort(compareCandidates(identity.modelId));
    if (!kept) continue;
    offerings.push(offering(kept));
    // An entry listed several times folds the same way each time: one note says it.
    const groupNotes = folded.map((entry) => foldNote(identity.modelId, kept, entry));
    notes.push(...groupNotes.filter((n, i) => groupNotes.findIndex((m) => m.message === n.message) === i));
  }
  return { offerings, notes };
}

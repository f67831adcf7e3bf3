import {
  bandOf,
  bandOfPriority,
  byCodePoint,
  type Catalog,
  type LinkOrigin,
  readSpelling,
  type SpellingEntry,
  isManualOverride,
  type Model,
  type Override,
} from '@llm-catalog/catalog';
import type { CapabilityVocabulary, NormalizedModel } from '@llm-catalog/transformers';
import { autoOverrideFor } from './auto-override.ts';
import { baseModelFromSource, provenanceOf, refreshBaseFacts } from './base-model.ts';
import { removalGuardError } from './guard.ts';
import { manualOverrideNotes, type ServedModel } from './manual-notes.ts';
import {
  collectOfferings,
  type IdentityOfEntry,
  modelIdOfOffering,
  type Offering,
  offeringId,
  offeringName,
} from './offerings.ts';
import { sameValueExcept } from './same-value.ts';
import { MergeSession } from './session.ts';
import type { MergeNote, MergeOptions, ProviderMergeResult, SessionMergeResult } from './types.ts';

const sorted = (ids: Iterable<string>) => [...ids].sort(byCodePoint);
const byModelId = (a: MergeNote, b: MergeNote) => byCodePoint(a.model_id ?? '', b.model_id ?? '');

/** An entry as the identity index reads it: the provider's spelling and the names its source states. */
function spellingEntryOf(entry: NormalizedModel, providerId: string): SpellingEntry {
  const meta = entry.metadata as { hugging_face_id?: unknown; canonical_slug?: unknown } | undefined;
  const spelled: SpellingEntry = { spelling: entry.provider_model_id, provider_id: providerId };
  if (typeof meta?.hugging_face_id === 'string') spelled.hugging_face_id = meta.hugging_face_id;
  if (typeof meta?.canonical_slug === 'string') spelled.canonical_slug = meta.canonical_slug;
  return spelled;
}

/**
 * Which base model each fetched entry names, by the catalog's identity index (a person's links, ids
 * and aliases, the names a source states, then the spelling rules). An entry no model answers to
 * names a new model under the identity's id for its spelling; the new model joins the index at once,
 * so other spellings of it in the same list meet it. Links made by a source name or a spelling rule
 * are recorded in `respelled` so the merge can say so.
 */
function identityLookup(session: MergeSession, providerId: string) {
  const identity = session.identity;
  const respelled = new Map<string, { modelId: string; origin: LinkOrigin }>();
  const lookup = (entry: NormalizedModel): IdentityOfEntry => {
    const spelled = spellingEntryOf(entry, providerId);
    const match = identity.lookup(spelled) ?? (entry.id === spelled.spelling ? undefined : identity.lookup({ ...spelled, spelling: entry.id }));
    if (match) {
      if (match.origin === 'rule' || match.origin === 'source') {
        respelled.set(entry.provider_model_id, { modelId: match.model_id, origin: match.origin });
      }
      identity.remember(spelled, match.model_id);
      return match.variant ? { modelId: match.model_id, variant: match.variant } : { modelId: match.model_id };
    }
    const modelId = identity.newModelId(spelled);
    identity.add({ id: modelId, ...(entry.metadata ? { metadata: entry.metadata } : {}) });
    identity.remember(spelled, modelId);
    const { variant } = readSpelling(entry.provider_model_id, providerId);
    return { modelId, ...(variant ? { variant } : {}) };
  };
  return { lookup, respelled };
}

/**
 * This provider's overrides by offering (`offeringId`): those in the band of the source being merged,
 * those of the other bands (kept as they are), and the manual ones.
 */
function ownOverrides(session: MergeSession, providerId: string, band: number) {
  const auto = new Map<string, Override[]>();
  const otherBands = new Map<string, Override[]>();
  const manual: Override[] = [];
  for (const o of session.overridesOf(providerId)) {
    if (isManualOverride(o)) {
      manual.push(o);
      continue;
    }
    const byOffering = bandOfPriority(o.priority) === band ? auto : otherBands;
    const key = offeringId({ modelId: o.model_id, variant: o.variant });
    const list = byOffering.get(key);
    if (list) list.push(o);
    else byOffering.set(key, [o]);
  }
  return { auto, otherBands, manual };
}

/**
 * The aliases a new base model may keep: one that already names a model (as id or alias), or that
 * another model of this list is, would make one name mean two models, so it is dropped and noted.
 */
function freeAliases(source: NormalizedModel, claimed: ClaimedNames, notes: MergeNote[]): string[] {
  const kept: string[] = [];
  for (const alias of [...(source.aliases ?? [])].sort()) {
    if (alias === source.id) continue;
    if (claimed.has(alias)) {
      notes.push({
        kind: 'collision',
        model_id: source.id,
        message: `alias "${alias}" reported for new model "${source.id}" already names another model; not added`,
      });
      continue;
    }
    claimed.add(alias);
    kept.push(alias);
  }
  return kept;
}

/** Names taken: the catalog's model ids and aliases, and those this merge has handed out. */
interface ClaimedNames {
  has(name: string): boolean;
  add(name: string): void;
}

function claimedNames(session: MergeSession, offerings: readonly { modelId: string }[]): ClaimedNames {
  const taken = new Set(offerings.map((o) => o.modelId));
  return { has: (name) => taken.has(name) || session.names(name), add: (name) => void taken.add(name) };
}

/**
 * The override to write: the current one when the source reports the same facts again, so that a
 * repeated run (a nightly sync without news) keeps the as-of date of when the facts were first seen
 * and rewrites nothing.
 */
function keepUnchanged(current: readonly Override[] | undefined, next: Override): Override {
  const [only] = current ?? [];
  return current?.length === 1 && only && sameValueExcept(only, next, 'provenance') ? only : next;
}

/**
 * Merges one source's list of one provider's models into the catalog (docs/sources.md).
 * Pure: the input catalog is never modified, and the same inputs give deep-equal results.
 *
 * The source is the provider itself (its own list API, or an aggregator's import of its own
 * offerings) or a reference catalog (`models.dev`, `litellm`); it owns one band of auto priorities
 * (`SOURCE_BANDS`) and replaces only that band for this provider: one auto override per offering
 * holding every fact it reported, stamped with its provenance. Other sources' bands, manual
 * overrides and other providers' overrides are kept. The removal guard counts this band only.
 *
 * Each fetched entry is mapped to a base model by id, then alias; entries naming one model become
 * one offering. A model not found becomes a new base model holding what the source reported; an
 * existing one takes the facts this source outranks the owner of (`refreshBaseFacts`), never a
 * person's. Base models no provider serves any more are kept: deleting one is a person's decision.
 * Throws only for a provider that is not in the catalog, which is a caller's mistake.
 */
export function mergeProviderModels(
  catalog: Catalog,
  providerId: string,
  fetched: readonly NormalizedModel[],
  options: MergeOptions,
): ProviderMergeResult {
  const session = new MergeSession(catalog, options.identity);
  const { change, ...result } = mergeIntoSession(session, providerId, fetched, options);
  if (!change) return { ...result, catalog };
  session.apply(change);
  return { ...result, catalog: session.catalog() };
}

/**
 * `mergeProviderModels` on a run's session: the result says what the merge would change, and the
 * caller decides whether to `apply` it (a run refuses a provider whose result would be invalid).
 */
export function mergeIntoSession(
  session: MergeSession,
  providerId: string,
  fetched: readonly NormalizedModel[],
  options: Omit<MergeOptions, 'identity'>,
): SessionMergeResult {
  if (!session.hasProvider(providerId)) {
    throw new Error(`cannot merge models of unknown provider "${providerId}" (not in providers.json)`);
  }
  const sourceId = options.source ?? providerId;
  const band = bandOf(sourceId);
  const index = identityLookup(session, providerId);
  const own = ownOverrides(session, providerId, band);
  const { offerings, notes: foldNotes } = collectOfferings(fetched, index.lookup);
  const servedBefore = new Set(own.auto.keys());
  const servedAfter = new Set(offerings.map(offeringId));
  const error = removalGuardError({
    fetchedCount: fetched.length,
    servedBefore,
    servedAfter,
    allowRemovals: options.allowRemovals ?? false,
  });
  if (error) return guardFailure(error);

  const notes: MergeNote[] = [...foldNotes, ...respellingNotes(index.respelled)];
  const ctx: MergeContext = { session, providerId, sourceId, band, asOf: options.asOf, own, vocabulary: options.capabilityVocabulary ?? [] };
  const walk = serveOfferings(ctx, offerings, options.settledModels ?? new Set<string>(), notes);
  notes.push(...manualOverrideNotes(providerId, own.manual, walk.served));
  // Stable: within one model, notes keep the order in which the merge found them.
  notes.sort(byModelId);
  const summary = summarize(own, offerings, { before: servedBefore, after: servedAfter }, walk, notes);
  const newModels = [...walk.created.values()];
  const { added, removed, changed } = summary;
  if (added.length === 0 && removed.length === 0 && changed.length === 0 && newModels.length === 0 && walk.refreshed.size === 0) {
    return { status: 'unchanged', ...summary };
  }
  const overrides = [
    ...own.manual,
    ...[...own.otherBands.values()].flat(),
    ...[...walk.served.values()].flatMap((s) => (s.own ? [s.own] : [])),
  ];
  return {
    status: 'updated',
    ...summary,
    change: { providerId, models: [...walk.refreshed.values(), ...newModels], overrides },
  };
}

const guardFailure = (error: string): SessionMergeResult => ({
  status: 'failed',
  added: [],
  removed: [],
  changed: [],
  newBaseModels: [],
  refreshedBaseModels: [],
  spokenFor: [],
  notes: [{ kind: 'guard', message: error }],
  error,
});

/** A note for each spelling the identity read to a model by a rule or a name its source states. */
function respellingNotes(respelled: ReadonlyMap<string, { modelId: string; origin: LinkOrigin }>): MergeNote[] {
  return [...respelled]
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([spelled, { modelId, origin }]) => ({
      kind: 'respelled',
      model_id: modelId,
      message: `"${spelled}" names model "${modelId}" (${origin === 'rule' ? 'spelling rules' : 'a name its source states'}); mapped to it, not added as a new model`,
    }));
}

interface MergeContext {
  session: MergeSession;
  providerId: string;
  sourceId: string;
  band: number;
  asOf: string | undefined;
  own: ReturnType<typeof ownOverrides>;
  vocabulary: CapabilityVocabulary;
}

interface OfferingWalk {
  created: Map<string, Model>;
  refreshed: Map<string, Model>;
  served: Map<string, ServedModel>;
  spokenFor: Set<string>;
}

/**
 * Serves each offering: its base model (created from the source, refreshed with the facts the
 * source outranks, or as it is) and the auto override the source states for it.
 */
function serveOfferings(
  ctx: MergeContext,
  offerings: readonly Offering[],
  settled: ReadonlySet<string>,
  notes: MergeNote[],
): OfferingWalk {
  const { session, providerId, sourceId, band, asOf, own, vocabulary } = ctx;
  const stamp = provenanceOf(sourceId, asOf);
  const claimed = claimedNames(session, offerings);
  const walk: OfferingWalk = { created: new Map(), refreshed: new Map(), served: new Map(), spokenFor: new Set() };
  const { created, refreshed, spokenFor } = walk;
  const plainListed = new Set(offerings.filter((o) => o.variant === undefined).map((o) => o.modelId));
  for (const offering of offerings) {
    const { modelId, source } = offering;
    let base = refreshed.get(modelId) ?? created.get(modelId) ?? session.model(modelId);
    if (!base) {
      // The identity's id for the spelling (the maker's stable name), not the source's own reading.
      const named = { ...source, id: modelId };
      base = baseModelFromSource(named, sourceId, freeAliases(named, claimed, notes), asOf);
      created.set(modelId, base);
      spokenFor.add(modelId);
    } else if (!settled.has(modelId) && !spokenFor.has(modelId) && (offering.variant === undefined || !plainListed.has(modelId))) {
      spokenFor.add(modelId);
      // A variant (a free route, a regional profile) speaks for the model only when the plain
      // offering is not listed: its prices and limits are the variant's own. One offering speaks
      // for a model per merge (the plain one, else the first variant), or two variants would trade
      // the same fact back and forth on every run.
      const refresh = refreshBaseFacts(base, source, sourceId, asOf);
      notes.push(...refresh.notes);
      if (refresh.model !== base) {
        if (created.has(modelId)) created.set(modelId, refresh.model);
        else refreshed.set(modelId, refresh.model);
        base = refresh.model;
      }
    }
    const key = offeringId(offering);
    const auto = keepUnchanged(own.auto.get(key), autoOverrideFor(providerId, base, source, { priority: band, provenance: stamp, vocabulary }, offering.variant));
    const autos = [...(own.otherBands.get(key) ?? []), auto].sort((a, b) => a.priority - b.priority);
    walk.served.set(key, { base, auto: autos, own: auto });
  }
  // Offerings only other sources list still serve a person's override.
  for (const [key, autos] of own.otherBands) {
    const base = session.model(autos[0]?.model_id ?? '');
    if (!walk.served.has(key) && base) walk.served.set(key, { base, auto: autos });
  }
  return walk;
}

/** What the merge changed, by offering name, and the notes that are news. */
function summarize(
  own: ReturnType<typeof ownOverrides>,
  offerings: readonly Offering[],
  servedKeys: { before: ReadonlySet<string>; after: ReadonlySet<string> },
  walk: OfferingWalk,
  notes: readonly MergeNote[],
): Omit<SessionMergeResult, 'status' | 'change' | 'error'> {
  const nameOf = new Map(offerings.map((o) => [offeringId(o), offeringName(o)]));
  for (const [key, list] of own.auto) {
    const o = list[0];
    if (o && !nameOf.has(key)) nameOf.set(key, offeringName({ modelId: o.model_id, variant: o.variant }));
  }
  const names = (keys: Iterable<string>) => sorted([...keys].map((k) => nameOf.get(k) ?? k));
  const addedKeys = [...servedKeys.after].filter((id) => !servedKeys.before.has(id));
  const removedKeys = [...servedKeys.before].filter((id) => !servedKeys.after.has(id));
  const changedKeys = [...walk.served]
    .filter(([key, s]) => servedKeys.before.has(key) && (walk.refreshed.has(s.base.id) || own.auto.get(key)?.[0] !== s.own))
    .map(([key]) => key);
  const newModels = [...walk.created.values()];
  // A note is news once: about a model this run added, removed, changed or created. A sync that
  // changes nothing says nothing, instead of repeating last night's notes.
  const touched = new Set([...addedKeys, ...removedKeys, ...changedKeys].map(modelIdOfOffering));
  for (const m of newModels) touched.add(m.id);
  return {
    added: names(addedKeys),
    removed: names(removedKeys),
    changed: names(changedKeys),
    newBaseModels: sorted(newModels.map((m) => m.id)),
    refreshedBaseModels: sorted(walk.refreshed.keys()),
    spokenFor: sorted(walk.spokenFor),
    notes: notes.filter((n) => n.model_id === undefined || touched.has(n.model_id)),
  };
}

import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import { makerKey } from './maker-aliases.ts';
import { readSpelling, type SpellingReading } from './spelling.ts';

/**
 * Why a spelling names a model: a person's link, the provider's own offering under that spelling,
 * an id or alias, a name a source states, or the spelling rules.
 */
export type LinkOrigin = 'link' | 'offering' | 'id' | 'alias' | 'source' | 'rule';

/** One provider's spelling of a model, with the cross-references its source states. */
export interface SpellingEntry {
  spelling: string;
  /** The catalog provider that spells it so; enables that host's spelling rules. */
  provider_id?: string;
  /** The Hugging Face repository the source says this is (OpenRouter's `hugging_face_id`). */
  hugging_face_id?: string;
  /** The source's own stable name for it (OpenRouter's `canonical_slug`). */
  canonical_slug?: string;
}

export interface IdentityMatch {
  model_id: string;
  /** The offering variant the spelling names (`free`, `fp8`, `us`), if any. */
  variant?: string;
  origin: LinkOrigin;
}

/** Whatever answers which base model a spelling names. */
export interface IdentityLookup {
  lookup(entry: SpellingEntry | string): IdentityMatch | undefined;
}

/**
 * A source's own slug is a name of the model unless it only adds a date to the spelling: OpenRouter's
 * `openai/gpt-4.1` has the slug `openai/gpt-4.1-2025-04-14`, which says which snapshot the route
 * serves today. Whether an undated name and a snapshot are one model is the maker's to say
 * (`MAKER_SNAPSHOT_ALIASES`), so such a slug links nothing.
 */
const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{2}-\d{2}|\d{4})$/;
function usableSlug(slug: string | undefined, ownKey: () => string): string | undefined {
  if (slug === undefined) return undefined;
  const key = readSpelling(slug).key;
  const own = ownKey();
  return key !== own && key.replace(DATE_SUFFIX, '') === own ? undefined : slug;
}

/**
 * The names a source states for an entry: the maker's Hugging Face repository, and a usable slug.
 * `ownKey` is the entry's key, read only when there is a slug to compare it with.
 */
export function statedNames(e: SpellingEntry, ownKey: () => string): readonly string[] {
  // Most entries state none; this runs for every entry of every list.
  if (e.hugging_face_id === undefined && e.canonical_slug === undefined) return NO_NAMES;
  return [e.hugging_face_id, usableSlug(e.canonical_slug, ownKey)].filter((v): v is string => v !== undefined);
}

const NO_NAMES: readonly string[] = [];

/** The names a base model answers to besides its id: the source names it carries. */
export function sourceNames(model: Model): readonly string[] {
  const meta = model.metadata as { canonical_slug?: unknown; hugging_face_id?: unknown } | undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return statedNames(
    { spelling: model.id, hugging_face_id: str(meta?.hugging_face_id), canonical_slug: str(meta?.canonical_slug) },
    () => readSpelling(model.id).key,
  );
}

export const lower = (s: string) => s.trim().toLowerCase();
const pairKey = (spelling: string, modelId: string) => `${lower(spelling)}\u0000${modelId}`;

/**
 * The model ids each key reads to. Nearly every key names one model, so one id is held as a string
 * and a set is made only for a second: an index of a large catalog holds hundreds of thousands of keys.
 */
export type ModelIdsByKey = Map<string, string | Set<string>>;
/** Keys of each provider's own (its spellings, the keys they read to): one map per provider, not a key per pair. */
export type ModelIdsByProviderKey = Map<string, ModelIdsByKey>;

function ownKeys(map: ModelIdsByProviderKey, providerId: string | undefined): ModelIdsByKey {
  const id = providerId ?? '';
  let keys = map.get(id);
  if (!keys) map.set(id, (keys = new Map()));
  return keys;
}

export function addKey(map: ModelIdsByKey, key: string, modelId: string): void {
  const ids = map.get(key);
  if (ids === undefined) map.set(key, modelId);
  else if (typeof ids !== 'string') ids.add(modelId);
  else if (ids !== modelId) map.set(key, new Set([ids, modelId]));
}

/** What a person's links say: spellings that are a model, and spelling-model pairs that are not. */
export class PersonLinks {
  private readonly same = new Map<string, string>();
  private readonly sameByKey = new Map<string, string>();
  private readonly different = new Set<string>();

  constructor(links: readonly Link[]) {
    for (const link of links) {
      if (link.relation === 'different') this.different.add(pairKey(link.spelling, link.model_id));
      else {
        this.same.set(lower(link.spelling), link.model_id);
        this.sameByKey.set(makerKey(readSpelling(link.spelling).key), link.model_id);
      }
    }
  }

  /** The model a person linked this spelling (or one reading to the same key) to. */
  modelOf(spelled: string, reading: SpellingReading): string | undefined {
    return this.same.get(spelled) ?? this.same.get(reading.id) ?? this.sameByKey.get(makerKey(reading.key));
  }

  /** Whether no link says this spelling is not this model. */
  allowed(spelling: string, modelId: string): boolean {
    return this.different.size === 0 || !this.different.has(pairKey(spelling, modelId));
  }
}

type ExactHit = { model_id: string; origin: LinkOrigin };
/** A model's id, alias or source name, lowercased, and which of the three it is. */
export type ExactNames = Map<string, ExactHit>;

/** Registers a model's id, aliases and source names: an id outranks the others; the first model to claim a name keeps it. */
export function addExactNames(exact: ExactNames, model: Model): void {
  const claim = (name: string, origin: LinkOrigin) => {
    const key = lower(name);
    const current = exact.get(key);
    if (!current || (origin === 'id' && current.origin !== 'id')) exact.set(key, { model_id: model.id, origin });
  };
  claim(model.id, 'id');
  for (const alias of model.aliases ?? []) claim(alias, 'alias');
  for (const name of sourceNames(model)) claim(name, 'source');
}

/**
 * Records a provider's spelling of a model under that provider: the spelling itself and its key.
 * Returns the key.
 */
export function addProviderSpelling(
  tables: { byProviderSpelling: ModelIdsByProviderKey; byProviderKey: ModelIdsByProviderKey },
  entry: SpellingEntry,
  modelId: string,
): string {
  const { key } = readSpelling(entry.spelling, entry.provider_id);
  addKey(ownKeys(tables.byProviderSpelling, entry.provider_id), lower(entry.spelling), modelId);
  addKey(ownKeys(tables.byProviderKey, entry.provider_id), makerKey(key), modelId);
  return key;
}

/** What a lookup reads; an index holds every table, a one-provider view builds what a lookup asks. */
export interface IdentityTables {
  readonly modelIds: ReadonlySet<string>;
  readonly links: PersonLinks;
  readonly exact: ExactNames;
  /** Provider -> lowercased spelling -> the models that provider offers under it. */
  readonly byProviderSpelling: ModelIdsByProviderKey;
  /** Provider -> key -> the models of that provider's spellings reading to it. */
  readonly byProviderKey: ModelIdsByProviderKey;
  /** Key -> the models whose names, or any provider's fixed release names, read to it. */
  readonly byKey: ModelIdsByKey;
}

/** The one model of `key` that a link does not veto for this spelling; undefined for none or several. */
function unique(tables: IdentityTables, map: ModelIdsByKey | undefined, spelling: string, key: string): string | undefined {
  const found = map?.get(key);
  if (found === undefined) return undefined;
  if (typeof found === 'string') return tables.links.allowed(spelling, found) ? found : undefined;
  let only: string | undefined;
  for (const id of found) {
    if (!tables.links.allowed(spelling, id)) continue;
    if (only !== undefined) return undefined;
    only = id;
  }
  return only;
}

const HIT_RANK: Readonly<Record<LinkOrigin, number>> = { id: 0, alias: 1, source: 2, link: 3, offering: 3, rule: 3 };

/** Of two exact hits a spelling may use, the id over an alias over a source's name; the first on a tie. */
function betterHit(tables: IdentityTables, spelling: string, ...hits: (ExactHit | undefined)[]): ExactHit | undefined {
  let best: ExactHit | undefined;
  for (const hit of hits) {
    if (hit === undefined || !tables.links.allowed(spelling, hit.model_id)) continue;
    if (best === undefined || HIT_RANK[hit.origin] < HIT_RANK[best.origin]) best = hit;
  }
  return best;
}

/** The steps of a lookup, in order; see `IdentityIndex`. */
function find(tables: IdentityTables, e: SpellingEntry, reading: SpellingReading): Omit<IdentityMatch, 'variant'> | undefined {
  const spelled = lower(e.spelling);
  const person = tables.links.modelOf(spelled, reading);
  if (person !== undefined && tables.modelIds.has(person)) return { model_id: person, origin: 'link' };

  // The model this provider already offers under this very spelling: a re-run links it the same way.
  if (e.provider_id !== undefined) {
    const offered = unique(tables, tables.byProviderSpelling.get(e.provider_id), e.spelling, spelled);
    if (offered) return { model_id: offered, origin: 'offering' };
  }
  // An id outranks an alias, which outranks a name a source states, whichever of the two forms hits.
  const best = betterHit(tables, e.spelling, tables.exact.get(spelled), tables.exact.get(reading.id));
  if (best) return best;
  const stated = statedNames(e, () => reading.key);
  for (const name of stated) {
    const hit = tables.exact.get(lower(name));
    if (hit && tables.links.allowed(e.spelling, hit.model_id)) return { model_id: hit.model_id, origin: 'source' };
  }

  const own = unique(tables, tables.byProviderKey.get(e.provider_id ?? ''), e.spelling, makerKey(reading.key));
  if (own) return { model_id: own, origin: 'rule' };
  const byRule = unique(tables, tables.byKey, e.spelling, makerKey(reading.key));
  if (byRule) return { model_id: byRule, origin: 'rule' };
  for (const name of stated) {
    const bySource = unique(tables, tables.byKey, e.spelling, makerKey(readSpelling(name).key));
    if (bySource) return { model_id: bySource, origin: 'source' };
  }
  return undefined;
}

/** The base model an entry names, with the variant its spelling carries; undefined when unsure. */
export function lookupIn(tables: IdentityTables, entry: SpellingEntry | string): IdentityMatch | undefined {
  const e = typeof entry === 'string' ? { spelling: entry } : entry;
  const reading = readSpelling(e.spelling, e.provider_id);
  const found = find(tables, e, reading);
  if (!found) return undefined;
  return reading.variant
    ? { model_id: found.model_id, origin: found.origin, variant: reading.variant }
    : { model_id: found.model_id, origin: found.origin };
}

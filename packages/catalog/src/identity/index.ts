import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import { makerKey, makerStableId } from './maker-aliases.ts';
import { canonicalId, readSpelling, type SpellingReading } from './spelling.ts';

export * from './spelling.ts';
export * from './maker-aliases.ts';
export * from './suggest.ts';
export * from './edit-links.ts';

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

/**
 * A source's own slug is a name of the model unless it only adds a date to the spelling: OpenRouter's
 * `openai/gpt-4.1` has the slug `openai/gpt-4.1-2025-04-14`, which says which snapshot the route
 * serves today. Whether an undated name and a snapshot are one model is the maker's to say
 * (`MAKER_SNAPSHOT_ALIASES`), so such a slug links nothing.
 */
const DATE_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{2}-\d{2}|\d{4})$/;
function usableSlug(slug: string | undefined, ownKey: string): string | undefined {
  if (slug === undefined) return undefined;
  const key = readSpelling(slug).key;
  return key !== ownKey && key.replace(DATE_SUFFIX, '') === ownKey ? undefined : slug;
}

const NO_NAMES: readonly string[] = [];

/** The names a source states for an entry: the maker's Hugging Face repository, and a usable slug. */
function statedNames(e: SpellingEntry, ownKey: string): readonly string[] {
  // Most entries state none; this runs for every entry of every list.
  if (e.hugging_face_id === undefined && e.canonical_slug === undefined) return NO_NAMES;
  return [e.hugging_face_id, usableSlug(e.canonical_slug, ownKey)].filter((v): v is string => v !== undefined);
}

/** The names a base model answers to besides its id: the source names it carries. */
function sourceNames(model: Model): readonly string[] {
  const meta = model.metadata as { canonical_slug?: unknown; hugging_face_id?: unknown } | undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return statedNames(
    { spelling: model.id, hugging_face_id: str(meta?.hugging_face_id), canonical_slug: str(meta?.canonical_slug) },
    readSpelling(model.id).key,
  );
}

/** Key parts that hold a digit: sizes, versions, releases. */
const numbered = (key: string) => key.split('-').filter((p) => /\d/.test(p));

// Keys recur (every provider of a model spells it alike), and their parts never change.
const NUMBERED_PARTS = new Map<string, readonly string[]>();
function numberedParts(key: string): readonly string[] {
  let parts = NUMBERED_PARTS.get(key);
  if (parts === undefined) {
    if (NUMBERED_PARTS.size >= 100_000) NUMBERED_PARTS.clear();
    NUMBERED_PARTS.set(key, (parts = numbered(key)));
  }
  return parts;
}

/**
 * A spelling linked to a model teaches other providers its key only when it is a release name that
 * cannot move: it carries a release (four digits or more) and every numbered part of it is in the
 * model's id (`qwen3-235b-a22b-2507` for `qwen3-235b-a22b-instruct-2507`). A name without one
 * (`deepseek-chat`, `kimi-k2`) may mean another release at another provider, so it stays that
 * provider's own.
 */
function isFixedRelease(spellingKey: string, modelParts: (modelId: string) => ReadonlySet<string>, modelId: string): boolean {
  if (!/\d{4}/.test(spellingKey)) return false;
  const parts = numberedParts(spellingKey);
  if (!parts.some((p) => /\d{4}/.test(p))) return false;
  const ofModel = modelParts(modelId);
  return parts.every((p) => ofModel.has(p));
}

const lower = (s: string) => s.trim().toLowerCase();
const pairKey = (spelling: string, modelId: string) => `${lower(spelling)}\u0000${modelId}`;

/**
 * The model ids each key reads to. Nearly every key names one model, so one id is held as a string
 * and a set is made only for a second: an index of a large catalog holds hundreds of thousands of keys.
 */
type ModelIdsByKey = Map<string, string | Set<string>>;
/** Keys of each provider's own (its spellings, the keys they read to): one map per provider, not a key per pair. */
type ModelIdsByProviderKey = Map<string, ModelIdsByKey>;

function ownKeys(map: ModelIdsByProviderKey, providerId: string | undefined): ModelIdsByKey {
  const id = providerId ?? '';
  let keys = map.get(id);
  if (!keys) map.set(id, (keys = new Map()));
  return keys;
}

/**
 * Which base model a provider's spelling names. Built once per run from the models, their offerings
 * and a person's links, then asked for every fetched entry; `add` registers a model created during
 * the run and `remember` an entry linked to one. A spelling is linked, in this order, by:
 * 1. a person's link (`links.json`): the spelling, or one that reads to the same key; a link marked
 *    `different` vetoes that pair wherever else the link would come from;
 * 2. the model this provider already offers under this very spelling, so that re-running an import
 *    links every spelling as before, whatever other sources added in between;
 * 3. an exact name: a model id, else an alias, else a source's name for a model;
 * 4. a name the entry's source states: its Hugging Face id or slug;
 * 5. the spelling rules: the one model whose names read to the same key (a documented maker alias and
 *    its snapshot share a key); first among this provider's own spellings already linked, then among
 *    every model's names.
 * A key that two models share links to neither: that is a collision for a person to settle.
 */
type ExactHit = { model_id: string; origin: LinkOrigin };
const HIT_RANK: Readonly<Record<LinkOrigin, number>> = { id: 0, alias: 1, source: 2, link: 3, offering: 3, rule: 3 };

export class IdentityIndex {
  private readonly exact = new Map<string, ExactHit>();
  private readonly byKey: ModelIdsByKey = new Map();
  private readonly byProviderKey: ModelIdsByProviderKey = new Map();
  private readonly byProviderSpelling: ModelIdsByProviderKey = new Map();
  private readonly modelIds = new Set<string>();
  private readonly personSame = new Map<string, string>();
  private readonly personSameByKey = new Map<string, string>();
  private readonly personDifferent = new Set<string>();
  /** The numbered parts of each model id's key, read once: thousands of offerings share a model. */
  private readonly idParts = new Map<string, ReadonlySet<string>>();
  private readonly numberedIdParts = (modelId: string): ReadonlySet<string> => {
    let parts = this.idParts.get(modelId);
    if (!parts) this.idParts.set(modelId, (parts = new Set(numbered(readSpelling(modelId).key))));
    return parts;
  };

  constructor(catalog: { models: readonly Model[]; overrides?: readonly Override[]; links?: readonly Link[] }) {
    const links = catalog.links ?? [];
    for (const link of links) {
      if (link.relation === 'different') this.personDifferent.add(pairKey(link.spelling, link.model_id));
    }
    for (const m of catalog.models) this.add(m);
    for (const link of links) {
      if (link.relation !== 'same') continue;
      this.personSame.set(lower(link.spelling), link.model_id);
      this.personSameByKey.set(makerKey(readSpelling(link.spelling).key), link.model_id);
      if (this.modelIds.has(link.model_id)) this.addKey(this.byKey, makerKey(readSpelling(link.spelling).key), link.model_id);
    }
    for (const o of catalog.overrides ?? []) {
      if (o.provider_model_id !== undefined) {
        this.remember({ spelling: o.provider_model_id, provider_id: o.provider_id }, o.model_id);
      }
    }
  }

  /**
   * Records that an entry names a model: its spelling for its provider (and for every provider when
   * it is a fixed release name), and the names its source states.
   */
  remember(entry: SpellingEntry, modelId: string): void {
    if (!this.modelIds.has(modelId) || !this.allowed(entry.spelling, modelId)) return;
    const { key } = readSpelling(entry.spelling, entry.provider_id);
    this.addKey(ownKeys(this.byProviderSpelling, entry.provider_id), lower(entry.spelling), modelId);
    this.addKey(ownKeys(this.byProviderKey, entry.provider_id), makerKey(key), modelId);
    if (isFixedRelease(key, this.numberedIdParts, modelId)) this.addKey(this.byKey, makerKey(key), modelId);
    for (const name of statedNames(entry, key)) this.addKey(this.byKey, makerKey(readSpelling(name).key), modelId);
  }

  /** Registers a model (at creation during a run, or when the index is built). */
  add(model: Model): void {
    this.modelIds.add(model.id);
    this.setExact(model.id, model.id, 'id');
    for (const alias of model.aliases ?? []) this.setExact(alias, model.id, 'alias');
    for (const name of sourceNames(model)) this.setExact(name, model.id, 'source');
    for (const name of [model.id, ...(model.aliases ?? []), ...sourceNames(model)]) {
      this.addKey(this.byKey, makerKey(readSpelling(name).key), model.id);
    }
  }

  private setExact(name: string, modelId: string, origin: LinkOrigin): void {
    const key = lower(name);
    const current = this.exact.get(key);
    // An id outranks an alias or a source name; the first model to claim a name keeps it.
    if (!current || (origin === 'id' && current.origin !== 'id')) this.exact.set(key, { model_id: modelId, origin });
  }

  private addKey(map: ModelIdsByKey, key: string, modelId: string): void {
    const ids = map.get(key);
    if (ids === undefined) map.set(key, modelId);
    else if (typeof ids !== 'string') ids.add(modelId);
    else if (ids !== modelId) map.set(key, new Set([ids, modelId]));
  }

  /** Whether some model's names already read to this key. */
  private keyTaken(key: string): boolean {
    return this.byKey.has(makerKey(key));
  }

  /** The base model an entry names, with the variant its spelling carries; undefined when unsure. */
  lookup(entry: SpellingEntry | string): IdentityMatch | undefined {
    const e = typeof entry === 'string' ? { spelling: entry } : entry;
    const reading = readSpelling(e.spelling, e.provider_id);
    const found = this.find(e, reading);
    if (!found) return undefined;
    return reading.variant
      ? { model_id: found.model_id, origin: found.origin, variant: reading.variant }
      : { model_id: found.model_id, origin: found.origin };
  }

  private personLink(spelled: string, reading: SpellingReading): string | undefined {
    return this.personSame.get(spelled) ?? this.personSame.get(reading.id) ?? this.personSameByKey.get(makerKey(reading.key));
  }

  /**
   * The id a new base model gets when no model matches a spelling, the same whichever spelling of
   * the model arrives first: the model a person linked the spelling to, else the maker's stable name
   * for a documented alias or snapshot, else the canonical form of the spelling's key.
   */
  newModelId(entry: SpellingEntry | string): string {
    const e = typeof entry === 'string' ? { spelling: entry } : entry;
    const reading = readSpelling(e.spelling, e.provider_id);
    const linked = this.personLink(lower(e.spelling), reading);
    if (linked !== undefined) return linked;
    const id = makerStableId(reading.key) ?? canonicalId(reading.key);
    // That name may itself be one a person linked to a model.
    const linkedName = this.personLink(id, readSpelling(id));
    if (linkedName !== undefined) return linkedName;
    // A key models already share (a collision a person has to settle): keep the spelling's own id.
    return this.keyTaken(reading.key) || this.modelIds.has(id) ? reading.id : id;
  }

  private allowed(spelling: string, modelId: string): boolean {
    return this.personDifferent.size === 0 || !this.personDifferent.has(pairKey(spelling, modelId));
  }

  private find(e: SpellingEntry, reading: SpellingReading): Omit<IdentityMatch, 'variant'> | undefined {
    const spelled = lower(e.spelling);
    const person = this.personLink(spelled, reading);
    if (person !== undefined && this.modelIds.has(person)) return { model_id: person, origin: 'link' };

    // The model this provider already offers under this very spelling: a re-run links it the same way.
    if (e.provider_id !== undefined) {
      const offered = this.unique(this.byProviderSpelling.get(e.provider_id), e.spelling, spelled);
      if (offered) return { model_id: offered, origin: 'offering' };
    }
    // An id outranks an alias, which outranks a name a source states, whichever of the two forms hits.
    const best = this.betterHit(e.spelling, this.exact.get(spelled), this.exact.get(reading.id));
    if (best) return best;
    const stated = statedNames(e, reading.key);
    for (const name of stated) {
      const hit = this.exact.get(lower(name));
      if (hit && this.allowed(e.spelling, hit.model_id)) return { model_id: hit.model_id, origin: 'source' };
    }

    const own = this.unique(this.byProviderKey.get(e.provider_id ?? ''), e.spelling, makerKey(reading.key));
    if (own) return { model_id: own, origin: 'rule' };
    const byRule = this.unique(this.byKey, e.spelling, makerKey(reading.key));
    if (byRule) return { model_id: byRule, origin: 'rule' };
    for (const name of stated) {
      const bySource = this.unique(this.byKey, e.spelling, makerKey(readSpelling(name).key));
      if (bySource) return { model_id: bySource, origin: 'source' };
    }
    return undefined;
  }

  /** Of two exact hits a spelling may use, the id over an alias over a source's name; the first on a tie. */
  private betterHit(spelling: string, ...hits: (ExactHit | undefined)[]): ExactHit | undefined {
    let best: ExactHit | undefined;
    for (const hit of hits) {
      if (hit === undefined || !this.allowed(spelling, hit.model_id)) continue;
      if (best === undefined || HIT_RANK[hit.origin] < HIT_RANK[best.origin]) best = hit;
    }
    return best;
  }

  private unique(map: ModelIdsByKey | undefined, spelling: string, key: string): string | undefined {
    const found = map?.get(key);
    if (found === undefined) return undefined;
    if (typeof found === 'string') return this.allowed(spelling, found) ? found : undefined;
    let only: string | undefined;
    for (const id of found) {
      if (!this.allowed(spelling, id)) continue;
      if (only !== undefined) return undefined;
      only = id;
    }
    return only;
  }
}

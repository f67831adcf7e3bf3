import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import { makerKey, makerStableId } from './maker-aliases.ts';
import { canonicalId, readSpelling } from './spelling.ts';
import {
  addExactNames,
  addKey,
  addProviderSpelling,
  type ExactNames,
  type IdentityLookup,
  type IdentityMatch,
  type IdentityTables,
  lookupIn,
  lower,
  type ModelIdsByKey,
  type ModelIdsByProviderKey,
  PersonLinks,
  type SpellingEntry,
  sourceNames,
  statedNames,
} from './tables.ts';

export * from './spelling.ts';
export * from './maker-aliases.ts';
export * from './suggest.ts';
export * from './edit-links.ts';
export * from './provider-identity.ts';
export type { IdentityLookup, IdentityMatch, LinkOrigin, SpellingEntry } from './tables.ts';

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
  // The spelling of a model's own id (a new model is named from it) holds exactly its parts.
  if (readSpelling(modelId).key === spellingKey) return true;
  const parts = numberedParts(spellingKey);
  if (!parts.some((p) => /\d{4}/.test(p))) return false;
  const ofModel = modelParts(modelId);
  return parts.every((p) => ofModel.has(p));
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
export class IdentityIndex implements IdentityTables, IdentityLookup {
  readonly exact: ExactNames = new Map();
  readonly byKey: ModelIdsByKey = new Map();
  readonly byProviderKey: ModelIdsByProviderKey = new Map();
  readonly byProviderSpelling: ModelIdsByProviderKey = new Map();
  readonly modelIds = new Set<string>();
  readonly links: PersonLinks;
  /** The numbered parts of each model id's key, read once: thousands of offerings share a model. */
  private readonly idParts = new Map<string, ReadonlySet<string>>();
  private readonly numberedIdParts = (modelId: string): ReadonlySet<string> => {
    let parts = this.idParts.get(modelId);
    if (!parts) this.idParts.set(modelId, (parts = new Set(numbered(readSpelling(modelId).key))));
    return parts;
  };

  constructor(catalog: { models: readonly Model[]; overrides?: readonly Override[]; links?: readonly Link[] }) {
    const links = catalog.links ?? [];
    this.links = new PersonLinks(links);
    for (const m of catalog.models) this.add(m);
    for (const link of links) {
      if (link.relation === 'same' && this.modelIds.has(link.model_id)) {
        addKey(this.byKey, makerKey(readSpelling(link.spelling).key), link.model_id);
      }
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
    if (!this.modelIds.has(modelId) || !this.links.allowed(entry.spelling, modelId)) return;
    const key = addProviderSpelling(this, entry, modelId);
    if (isFixedRelease(key, this.numberedIdParts, modelId)) addKey(this.byKey, makerKey(key), modelId);
    for (const name of statedNames(entry, () => key)) addKey(this.byKey, makerKey(readSpelling(name).key), modelId);
  }

  /** Registers a model (at creation during a run, or when the index is built). */
  add(model: Model): void {
    this.modelIds.add(model.id);
    addExactNames(this.exact, model);
    for (const name of [model.id, ...(model.aliases ?? []), ...sourceNames(model)]) {
      addKey(this.byKey, makerKey(readSpelling(name).key), model.id);
    }
  }

  /** Whether some model's names already read to this key. */
  private keyTaken(key: string): boolean {
    return this.byKey.has(makerKey(key));
  }

  /** The base model an entry names, with the variant its spelling carries; undefined when unsure. */
  lookup(entry: SpellingEntry | string): IdentityMatch | undefined {
    return lookupIn(this, entry);
  }

  /**
   * The id a new base model gets when no model matches a spelling, the same whichever spelling of
   * the model arrives first: the model a person linked the spelling to, else the maker's stable name
   * for a documented alias or snapshot, else the canonical form of the spelling's key.
   */
  newModelId(entry: SpellingEntry | string): string {
    const e = typeof entry === 'string' ? { spelling: entry } : entry;
    const reading = readSpelling(e.spelling, e.provider_id);
    const linked = this.links.modelOf(lower(e.spelling), reading);
    if (linked !== undefined) return linked;
    const id = makerStableId(reading.key) ?? canonicalId(reading.key);
    // That name may itself be one a person linked to a model.
    const linkedName = this.links.modelOf(id, readSpelling(id));
    if (linkedName !== undefined) return linkedName;
    // A key models already share (a collision a person has to settle): keep the spelling's own id.
    return this.keyTaken(reading.key) || this.modelIds.has(id) ? reading.id : id;
  }
}

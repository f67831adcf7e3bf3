import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import { makerKey, makerStableId } from './maker-aliases.ts';
import { canonicalId, readSpelling, type SpellingReading } from './spelling.ts';

export * from './spelling.ts';
export * from './maker-aliases.ts';
export * from './suggest.ts';
export * from './edit-links.ts';

/** Why a spelling names a model, strongest first. */
export type LinkOrigin = 'id' | 'alias' | 'link' | 'source' | 'rule';

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

/** The names a base model answers to besides its id: its aliases and the source names it carries. */
function sourceNames(model: Model): string[] {
  const meta = model.metadata as { canonical_slug?: unknown; hugging_face_id?: unknown } | undefined;
  return [meta?.canonical_slug, meta?.hugging_face_id].filter((v): v is string => typeof v === 'string');
}

const lower = (s: string) => s.trim().toLowerCase();
const pairKey = (spelling: string, modelId: string) => `${lower(spelling)}\u0000${modelId}`;

/**
 * Which base model a provider's spelling names. Built once per run from the models and a person's
 * links, then asked for every fetched entry; `add` registers a model created during the run so the
 * spellings after it find it. A spelling is linked, in this order, by:
 * 1. a person's link (`links.json`): the spelling, or one that reads to the same key; a link marked
 *    `different` vetoes that pair wherever else the link would come from;
 * 2. an exact name: a model id or alias;
 * 3. a name a source states: a model's or the entry's canonical slug or Hugging Face id;
 * 4. the spelling rules: the one model whose names read to the same key (a documented maker alias and
 *    its snapshot share a key). A model's names are its id, aliases and source names, and every
 *    spelling already linked to it (the `provider_model_id` of its offerings), so a spelling a source
 *    linked teaches the rules that spelling.
 * A key that two models share links to neither: that is a collision for a person to settle.
 */
export class IdentityIndex {
  private readonly exact = new Map<string, { model_id: string; origin: LinkOrigin }>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly modelIds = new Set<string>();
  private readonly personSame = new Map<string, string>();
  private readonly personSameByKey = new Map<string, string>();
  private readonly personDifferent = new Set<string>();

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
      if (this.modelIds.has(link.model_id)) this.addKey(readSpelling(link.spelling).key, link.model_id);
    }
    for (const o of catalog.overrides ?? []) {
      if (o.provider_model_id !== undefined) {
        this.remember({ spelling: o.provider_model_id, provider_id: o.provider_id }, o.model_id);
      }
    }
  }

  /**
   * Records that an entry names a model: its spelling, and the names its source states for it, so
   * spellings that read like any of them follow.
   */
  remember(entry: SpellingEntry, modelId: string): void {
    if (!this.modelIds.has(modelId) || !this.allowed(entry.spelling, modelId)) return;
    this.addKey(readSpelling(entry.spelling, entry.provider_id).key, modelId);
    for (const name of [entry.hugging_face_id, entry.canonical_slug]) {
      if (name !== undefined) this.addKey(readSpelling(name).key, modelId);
    }
  }

  /** Registers a model (at creation during a run, or when the index is built). */
  add(model: Model): void {
    this.modelIds.add(model.id);
    this.setExact(model.id, model.id, 'id');
    for (const alias of model.aliases ?? []) this.setExact(alias, model.id, 'alias');
    for (const name of sourceNames(model)) this.setExact(name, model.id, 'source');
    for (const name of [model.id, ...(model.aliases ?? []), ...sourceNames(model)]) {
      this.addKey(readSpelling(name).key, model.id);
    }
  }

  private setExact(name: string, modelId: string, origin: LinkOrigin): void {
    const key = lower(name);
    const current = this.exact.get(key);
    // An id outranks an alias or a source name; the first model to claim a name keeps it.
    if (!current || (origin === 'id' && current.origin !== 'id')) this.exact.set(key, { model_id: modelId, origin });
  }

  private addKey(key: string, modelId: string): void {
    const k = makerKey(key);
    const ids = this.byKey.get(k);
    if (ids) ids.add(modelId);
    else this.byKey.set(k, new Set([modelId]));
  }

  /** Model ids whose names read to this spelling's key (more than one: a collision). */
  modelsWithKey(key: string): string[] {
    return [...(this.byKey.get(makerKey(key)) ?? [])].sort();
  }

  has(modelId: string): boolean {
    return this.modelIds.has(modelId);
  }

  /** The base model an entry names, with the variant its spelling carries; undefined when unsure. */
  lookup(entry: SpellingEntry | string): IdentityMatch | undefined {
    const e = typeof entry === 'string' ? { spelling: entry } : entry;
    const reading = readSpelling(e.spelling, e.provider_id);
    const found = this.find(e, reading);
    if (!found) return undefined;
    return { ...found, ...(reading.variant ? { variant: reading.variant } : {}) };
  }

  private personLink(spelled: string, reading: SpellingReading): string | undefined {
    return this.personSame.get(spelled) ?? this.personSame.get(reading.id) ?? this.personSameByKey.get(makerKey(reading.key));
  }

  /**
   * The id a new base model gets when no model matches a spelling, the same whichever spelling of
   * the model arrives first: the model a person linked the spelling to, else the maker's stable name
   * for a documented alias or snapshot, else the canonical form of the key (of the Hugging Face id
   * when the source states one).
   */
  newModelId(entry: SpellingEntry | string): string {
    const e = typeof entry === 'string' ? { spelling: entry } : entry;
    const reading = readSpelling(e.spelling, e.provider_id);
    const linked = this.personLink(lower(e.spelling), reading);
    if (linked !== undefined) return linked;
    // The maker's repository name, when the source states it, is the maker's own spelling.
    const key = e.hugging_face_id === undefined ? reading.key : readSpelling(e.hugging_face_id).key;
    const id = makerStableId(key) ?? canonicalId(key);
    // A key models already share (a collision a person has to settle): keep the spelling's own id.
    const shared = (this.byKey.get(makerKey(reading.key))?.size ?? 0) > 0;
    return shared || this.modelIds.has(id) ? reading.id : id;
  }

  private allowed(spelling: string, modelId: string): boolean {
    return !this.personDifferent.has(pairKey(spelling, modelId));
  }

  private find(e: SpellingEntry, reading: SpellingReading): Omit<IdentityMatch, 'variant'> | undefined {
    const spelled = lower(e.spelling);
    const person = this.personLink(spelled, reading);
    if (person !== undefined && this.modelIds.has(person)) return { model_id: person, origin: 'link' };

    for (const name of [spelled, reading.id]) {
      const hit = this.exact.get(name);
      if (hit && this.allowed(e.spelling, hit.model_id)) return hit;
    }
    const stated = [e.canonical_slug, e.hugging_face_id].filter((v): v is string => v !== undefined);
    for (const name of stated) {
      const hit = this.exact.get(lower(name));
      if (hit && this.allowed(e.spelling, hit.model_id)) return { model_id: hit.model_id, origin: 'source' };
    }

    const byRule = this.uniqueByKey(e.spelling, reading.key);
    if (byRule) return { model_id: byRule, origin: 'rule' };
    for (const name of stated) {
      const bySource = this.uniqueByKey(e.spelling, readSpelling(name).key);
      if (bySource) return { model_id: bySource, origin: 'source' };
    }
    return undefined;
  }

  private uniqueByKey(spelling: string, key: string): string | undefined {
    const ids = [...(this.byKey.get(makerKey(key)) ?? [])].filter((id) => this.allowed(spelling, id));
    return ids.length === 1 ? ids[0] : undefined;
  }
}

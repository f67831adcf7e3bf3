import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import {
  addExactNames,
  addProviderSpelling,
  type ExactNames,
  type IdentityLookup,
  type IdentityMatch,
  type IdentityTables,
  lookupIn,
  type ModelIdsByKey,
  type ModelIdsByProviderKey,
  PersonLinks,
  type SpellingEntry,
} from './tables.ts';

/**
 * Which model one provider's spellings name, without indexing the whole catalog first: a command
 * that resolves one spelling (`catalog cost`) would otherwise read every offering's spelling of
 * every provider. The person's links, every model's names and this provider's own offerings are read
 * when a lookup first needs them; the last step, a key that any provider's fixed release name or any
 * model's name reads to, asks the index of the whole catalog, built then. So every answer is the
 * one `IdentityIndex` gives over the same catalog, whose documentation lists the steps.
 */
export class ProviderIdentity implements IdentityTables, IdentityLookup {
  readonly modelIds: ReadonlySet<string>;
  readonly links: PersonLinks;
  private exactNames: ExactNames | undefined;
  private spellings: { byProviderSpelling: ModelIdsByProviderKey; byProviderKey: ModelIdsByProviderKey } | undefined;

  /**
   * @param offerings this provider's offerings (the overrides of `providerId`)
   * @param full the index of the whole catalog, for what one provider's offerings cannot answer
   */
  constructor(
    private readonly catalog: { models: readonly Model[]; links?: readonly Link[] },
    private readonly providerId: string,
    private readonly offerings: readonly Override[],
    private readonly full: () => IdentityTables & IdentityLookup,
  ) {
    this.modelIds = new Set(catalog.models.map((m) => m.id));
    this.links = new PersonLinks(catalog.links ?? []);
  }

  get exact(): ExactNames {
    if (!this.exactNames) {
      this.exactNames = new Map();
      for (const m of this.catalog.models) addExactNames(this.exactNames, m);
    }
    return this.exactNames;
  }

  private ownSpellings() {
    if (!this.spellings) {
      this.spellings = { byProviderSpelling: new Map(), byProviderKey: new Map() };
      for (const o of this.offerings) {
        const spelling = o.provider_model_id;
        if (spelling === undefined || !this.modelIds.has(o.model_id) || !this.links.allowed(spelling, o.model_id)) continue;
        addProviderSpelling(this.spellings, { spelling, provider_id: this.providerId }, o.model_id);
      }
    }
    return this.spellings;
  }

  get byProviderSpelling(): ModelIdsByProviderKey {
    return this.ownSpellings().byProviderSpelling;
  }

  get byProviderKey(): ModelIdsByProviderKey {
    return this.ownSpellings().byProviderKey;
  }

  get byKey(): ModelIdsByKey {
    return this.full().byKey;
  }

  /** An entry of another provider, or of none, is the whole index's to answer. */
  lookup(entry: SpellingEntry | string): IdentityMatch | undefined {
    const e = typeof entry === 'string' ? { spelling: entry } : entry;
    return e.provider_id === this.providerId ? lookupIn(this, e) : this.full().lookup(e);
  }
}

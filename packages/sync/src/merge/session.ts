import {
  type Catalog,
  compareModels,
  compareOverrides,
  IdentityIndex,
  type Model,
  type Override,
} from '@llm-catalog/catalog';

/** What one provider's merge changes: the base models it creates or refreshes, and its overrides as they now are. */
export interface MergeChange {
  providerId: string;
  /** Created and refreshed base models, each replacing the model of its id. */
  models: readonly Model[];
  /** Every override of the provider after the merge (other bands and manual ones included). */
  overrides: readonly Override[];
}

/**
 * The catalog as a run of merges sees it: the lookups every merge needs (models by id, aliases,
 * each provider's overrides, the identity index), built once and updated as providers merge.
 * Rebuilding them from the lists for every provider made a run quadratic in providers; with them a
 * merge costs what its own provider lists and serves. The lists are rebuilt, and sorted, once, when
 * the catalog is asked for (`catalog()`).
 */
export class MergeSession {
  readonly identity: IdentityIndex;
  private readonly base: Catalog;
  private readonly providerIds: Set<string>;
  private readonly models = new Map<string, Model>();
  private readonly aliases = new Map<string, string>();
  private readonly overridesByProvider = new Map<string, readonly Override[]>();
  private changed = false;
  private built: Catalog | undefined;

  constructor(catalog: Catalog, identity?: IdentityIndex) {
    this.base = catalog;
    this.identity = identity ?? new IdentityIndex(catalog);
    this.providerIds = new Set(catalog.providers.map((p) => p.id));
    for (const m of catalog.models) this.addModel(m);
    for (const o of catalog.overrides) {
      const list = this.overridesByProvider.get(o.provider_id) as Override[] | undefined;
      if (list) list.push(o);
      else this.overridesByProvider.set(o.provider_id, [o]);
    }
  }

  /** Returns the aliases the model newly claimed. */
  private addModel(model: Model): string[] {
    const known = this.models.has(model.id);
    this.models.set(model.id, model);
    if (known) return [];
    // The first model to claim an alias keeps it, as in the files' order.
    const claimed = (model.aliases ?? []).filter((a) => !this.aliases.has(a));
    for (const a of claimed) this.aliases.set(a, model.id);
    return claimed;
  }

  hasProvider(id: string): boolean {
    return this.providerIds.has(id);
  }

  model(id: string): Model | undefined {
    return this.models.get(id);
  }

  /** Whether a name is already a model's id or alias. */
  names(name: string): boolean {
    return this.models.has(name) || this.aliases.has(name);
  }

  overridesOf(providerId: string): readonly Override[] {
    return this.overridesByProvider.get(providerId) ?? [];
  }

  /** Takes in one provider's merge; the undo puts the session back as it was before it. */
  apply(change: MergeChange): () => void {
    const previousModels = change.models.map((m) => [m.id, this.models.get(m.id)] as const);
    const previousOverrides = this.overridesByProvider.get(change.providerId);
    const wasChanged = this.changed;
    const claimed = change.models.flatMap((m) => this.addModel(m));
    this.overridesByProvider.set(change.providerId, change.overrides);
    this.changed = true;
    this.built = undefined;
    return () => {
      for (const [id, m] of previousModels) {
        if (m) this.models.set(id, m);
        else this.models.delete(id);
      }
      if (previousOverrides) this.overridesByProvider.set(change.providerId, previousOverrides);
      else this.overridesByProvider.delete(change.providerId);
      for (const a of claimed) this.aliases.delete(a);
      this.changed = wasChanged;
      this.built = undefined;
    };
  }

  /** The merged catalog, its lists sorted as the files are; the input itself when nothing was merged. */
  catalog(): Catalog {
    if (!this.changed) return this.base;
    this.built ??= {
      ...this.base,
      models: [...this.models.values()].sort(compareModels),
      overrides: [...this.overridesByProvider.values()].flat().sort(compareOverrides),
    };
    return this.built;
  }
}

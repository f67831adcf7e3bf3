import type { Catalog } from './io/read.ts';
import type { Capability } from './schema/common.ts';
import type { Model } from './schema/model.ts';
import { MANUAL_PRIORITY, type Override } from './schema/override.ts';
import type { Pricing } from './schema/pricing.ts';
import type { Provider } from './schema/provider.ts';

/** Where a resolved field's value came from. */
export type FieldOrigin = 'base' | 'auto' | 'manual';

/** A model as one provider serves it: the base model with that provider's overrides applied. */
export type ResolvedModel = Model & {
  provider_id: string;
  /** The id to send to the provider. */
  provider_model_id: string;
  disabled?: boolean;
  reason?: string;
  replace_with?: string;
  reasoning?: Override['reasoning'];
  parameters?: Override['parameters'];
};

export interface Resolution {
  model: ResolvedModel;
  /** The overrides applied, in order. */
  overrides: Override[];
  /** For each field that an override touched, the kind of the last override that set it. */
  origins: Record<string, FieldOrigin>;
}

/** Lookup tables over a catalog, built once: resolution is called in loops. */
export interface CatalogIndex {
  catalog: Catalog;
  providers: Map<string, Provider>;
  models: Map<string, Model>;
  /** alias -> model id */
  aliases: Map<string, string>;
  /** provider id -> model id -> overrides sorted by ascending priority */
  overrides: Map<string, Map<string, Override[]>>;
}

export function indexCatalog(catalog: Catalog): CatalogIndex {
  const overrides = new Map<string, Map<string, Override[]>>();
  for (const o of catalog.overrides) {
    let byModel = overrides.get(o.provider_id);
    if (!byModel) overrides.set(o.provider_id, (byModel = new Map()));
    const list = byModel.get(o.model_id);
    if (list) list.push(o);
    else byModel.set(o.model_id, [o]);
  }
  for (const byModel of overrides.values()) {
    for (const list of byModel.values()) list.sort((a, b) => a.priority - b.priority);
  }
  const aliases = new Map<string, string>();
  for (const m of catalog.models) for (const a of m.aliases ?? []) aliases.set(a, m.id);
  return {
    catalog,
    providers: new Map(catalog.providers.map((p) => [p.id, p])),
    models: new Map(catalog.models.map((m) => [m.id, m])),
    aliases,
    overrides,
  };
}

/**
 * Finds which base model a provider means by `modelId`: a base id, an alias, or the provider's own
 * spelling (`provider_model_id`), compared case-insensitively.
 */
export function findModelId(index: CatalogIndex, providerId: string, modelId: string): string | undefined {
  const lower = modelId.toLowerCase();
  const byModel = index.overrides.get(providerId);
  if (byModel?.has(lower)) return lower;
  const alias = index.aliases.get(lower);
  if (alias && byModel?.has(alias)) return alias;
  if (byModel) {
    for (const [id, list] of byModel) {
      if (list.some((o) => o.provider_model_id === modelId || o.provider_model_id?.toLowerCase() === lower)) {
        return id;
      }
    }
  }
  return undefined;
}

function applyCapabilities(current: Capability[] | undefined, o: NonNullable<Override['capabilities']>) {
  if (o.force) return [...o.force];
  const set = new Set(current ?? []);
  for (const c of o.add ?? []) set.add(c);
  for (const c of o.remove ?? []) set.delete(c);
  return [...set].sort();
}

/** Applies overrides in the given order to a base model, field by field. Pure. */
export function applyOverrides(base: Model, providerId: string, overrides: readonly Override[]): Resolution {
  const model: ResolvedModel = { ...base, provider_id: providerId, provider_model_id: base.id };
  const origins: Record<string, FieldOrigin> = {};
  for (const o of overrides) {
    const origin: FieldOrigin = o.priority >= MANUAL_PRIORITY ? 'manual' : 'auto';
    const set = <K extends keyof ResolvedModel>(key: K, value: ResolvedModel[K] | undefined) => {
      if (value === undefined) return;
      model[key] = value;
      origins[key as string] = origin;
    };
    set('provider_model_id', o.provider_model_id);
    if (o.capabilities) set('capabilities', applyCapabilities(model.capabilities, o.capabilities));
    if (o.limits) {
      set('context_window', o.limits.context_window);
      set('max_output_tokens', o.limits.max_output_tokens);
      set('max_input_tokens', o.limits.max_input_tokens);
    }
    if (o.pricing) {
      model.pricing = { ...(model.pricing ?? {}), ...o.pricing } as Pricing;
      for (const k of Object.keys(o.pricing)) origins[`pricing.${k}`] = origin;
    }
    set('reasoning', o.reasoning);
    if (o.parameters) set('parameters', { ...(model.parameters ?? {}), ...o.parameters });
    if (o.disabled !== undefined) {
      model.disabled = o.disabled;
      origins.disabled = origin;
      if (o.disabled) {
        set('reason', o.reason);
        set('replace_with', o.replace_with);
      } else {
        delete model.reason;
        delete model.replace_with;
      }
    }
  }
  return { model, overrides: [...overrides], origins };
}

/**
 * The model `modelId` as `providerId` serves it, or undefined when the provider does not list it.
 * A disabled offering still resolves (with `disabled: true`) so callers can show why.
 */
export function resolveModel(index: CatalogIndex, providerId: string, modelId: string): Resolution | undefined {
  const id = findModelId(index, providerId, modelId);
  if (!id) return undefined;
  const base = index.models.get(id);
  const overrides = index.overrides.get(providerId)?.get(id);
  if (!base || !overrides) return undefined;
  return applyOverrides(base, providerId, overrides);
}

/** Every model a provider serves, resolved, sorted by id (disabled ones included). */
export function resolveProviderModels(index: CatalogIndex, providerId: string): ResolvedModel[] {
  const byModel = index.overrides.get(providerId);
  if (!byModel) return [];
  const out: ResolvedModel[] = [];
  for (const [id, overrides] of byModel) {
    const base = index.models.get(id);
    if (base) out.push(applyOverrides(base, providerId, overrides).model);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

import { IdentityIndex, type IdentityLookup, ProviderIdentity } from './identity/index.ts';
import type { Catalog } from './io/read.ts';
import type { Capability } from './schema/common.ts';
import type { Model } from './schema/model.ts';
import { MANUAL_PRIORITY, type Override } from './schema/override.ts';
import { mergePricing } from './schema/pricing.ts';
import type { Provider } from './schema/provider.ts';
import { byCodePoint } from './schema/common.ts';

/** Where a resolved field's value came from. */
export type FieldOrigin = 'base' | 'auto' | 'manual';

/** A model as one provider serves it: the base model with that provider's overrides applied. */
export type ResolvedModel = Model & {
  provider_id: string;
  /** The id to send to the provider. */
  provider_model_id: string;
  /** Which offering of the model this is, when the provider serves several (`free`, `fp8`, `us`). */
  variant?: string;
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
  /** For each field in `origins`, the override that set it (its `provenance` names the source). */
  setBy: Record<string, Override>;
}

/** Lookup tables over a catalog, built once: resolution is called in loops. */
export interface CatalogIndex {
  catalog: Catalog;
  providers: Map<string, Provider>;
  models: Map<string, Model>;
  /** alias -> model id */
  aliases: Map<string, string>;
  /**
   * provider id -> model id -> overrides of every variant, sorted by variant (the plain offering
   * first), then by ascending priority
   */
  overrides: Map<string, Map<string, Override[]>>;
  /** Which model any provider's spelling names (links, source names, spelling rules). */
  readonly identity: IdentityIndex;
  /**
   * Which model one provider's spelling names: `identity` once it is built, else a view of that
   * provider's that reads no more of the catalog than its lookups need (same answers).
   */
  identityOf(providerId: string): IdentityLookup;
}

/** One offering of a model at a provider. */
export interface OfferingRef {
  model_id: string;
  variant?: string;
}

const byVariantThenPriority = (a: Override, b: Override) => {
  const va = a.variant ?? '';
  const vb = b.variant ?? '';
  return (va < vb ? -1 : va > vb ? 1 : 0) || a.priority - b.priority;
};

export function indexCatalog(catalog: Catalog): CatalogIndex {
  let identity: IdentityIndex | undefined;
  const overrides = new Map<string, Map<string, Override[]>>();
  for (const o of catalog.overrides) {
    let byModel = overrides.get(o.provider_id);
    if (!byModel) overrides.set(o.provider_id, (byModel = new Map()));
    const list = byModel.get(o.model_id);
    if (list) list.push(o);
    else byModel.set(o.model_id, [o]);
  }
  for (const byModel of overrides.values()) {
    for (const list of byModel.values()) list.sort(byVariantThenPriority);
  }
  const aliases = new Map<string, string>();
  for (const m of catalog.models) for (const a of m.aliases ?? []) aliases.set(a, m.id);
  const fullIdentity = () => (identity ??= new IdentityIndex(catalog));
  const views = new Map<string, ProviderIdentity>();
  return {
    catalog,
    providers: new Map(catalog.providers.map((p) => [p.id, p])),
    models: new Map(catalog.models.map((m) => [m.id, m])),
    aliases,
    overrides,
    // Built on first use: most callers resolve by base id and never need the spelling rules.
    get identity() {
      return fullIdentity();
    },
    identityOf(providerId) {
      if (identity) return identity;
      let view = views.get(providerId);
      if (!view) {
        const offerings = [...(overrides.get(providerId)?.values() ?? [])].flat();
        views.set(providerId, (view = new ProviderIdentity(catalog, providerId, offerings, fullIdentity)));
      }
      return view;
    },
  };
}

/** The variants a provider offers of a model, the plain offering (undefined) first. */
function variantsOffered(list: readonly Override[]): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (const o of list) if (!out.includes(o.variant)) out.push(o.variant);
  return out;
}

/**
 * Finds which offering a provider means by `spelling`: the provider's own spelling of an offering
 * (`provider_model_id`, exact, then case-insensitive), else any spelling the identity links to a model
 * this provider serves (a base id, an alias, another provider's spelling). The variant is the one the
 * spelling names (`:free`, `us.`), else `variant`, else the plain offering, else the first variant.
 */
export function findOffering(
  index: CatalogIndex,
  providerId: string,
  spelling: string,
  variant?: string,
): OfferingRef | undefined {
  const byModel = index.overrides.get(providerId);
  if (!byModel) return undefined;
  const lower = spelling.toLowerCase();
  for (const exact of [true, false]) {
    for (const [id, list] of byModel) {
      const o = list.find((x) =>
        exact ? x.provider_model_id === spelling : x.provider_model_id?.toLowerCase() === lower,
      );
      if (o && (variant === undefined || o.variant === variant)) {
        return { model_id: id, ...(o.variant ? { variant: o.variant } : {}) };
      }
    }
  }
  const match = index.identityOf(providerId).lookup({ spelling, provider_id: providerId });
  const list = match ? byModel.get(match.model_id) : undefined;
  if (!match || !list) return undefined;
  const offered = variantsOffered(list);
  const wanted = match.variant ?? variant;
  if (wanted !== undefined && !offered.includes(wanted)) return undefined;
  const chosen = wanted ?? offered[0];
  return { model_id: match.model_id, ...(chosen ? { variant: chosen } : {}) };
}

/** Which base model a provider means by `modelId` (any linked spelling), if it serves it. */
export function findModelId(index: CatalogIndex, providerId: string, modelId: string): string | undefined {
  return findOffering(index, providerId, modelId)?.model_id;
}

/** In the order `sort()` gives, without repeats: what a set's sorted copy of it would be. */
const ascending = (list: readonly string[]) => list.every((c, i) => i === 0 || (list[i - 1] as string) < c);

function applyCapabilities(current: Capability[] | undefined, o: NonNullable<Override['capabilities']>) {
  if (o.force) return [...o.force];
  // An override that changes nothing here (its adds present, its removes absent) needs no set and no sort.
  const now = current ?? [];
  const unchanged = (o.add ?? []).every((c) => now.includes(c)) && !(o.remove ?? []).some((c) => now.includes(c));
  if (unchanged && ascending(now)) return [...now];
  const set = new Set(now);
  for (const c of o.add ?? []) set.add(c);
  for (const c of o.remove ?? []) set.delete(c);
  return [...set].sort();
}

/** Which kind of override last set each field an override touched, and which override it was. */
type FieldTrace = Pick<Resolution, 'origins' | 'setBy'>;

/** The base model with the overrides applied in order, field by field; `trace` records who set what. */
function overridden(base: Model, providerId: string, overrides: readonly Override[], trace?: FieldTrace): ResolvedModel {
  const model: ResolvedModel = { ...base, provider_id: providerId, provider_model_id: base.id };
  const variant = overrides.find((o) => o.variant !== undefined)?.variant;
  if (variant !== undefined) model.variant = variant;
  let spelled = false;
  for (const o of overrides) {
    const origin: FieldOrigin = o.priority >= MANUAL_PRIORITY ? 'manual' : 'auto';
    const touched = (key: string) => {
      if (!trace) return;
      trace.origins[key] = origin;
      trace.setBy[key] = o;
    };
    const set = <K extends keyof ResolvedModel>(key: K, value: ResolvedModel[K] | undefined) => {
      if (value === undefined) return;
      model[key] = value;
      touched(key as string);
    };
    // An auto override leaves out its source's spelling when it is the base id: a higher band calling
    // the model so outranks a lower band's other spelling.
    const spelling: string | undefined = o.provider_model_id ?? (origin === 'auto' && spelled ? base.id : undefined);
    set('provider_model_id', spelling);
    spelled ||= spelling !== undefined;
    if (o.capabilities) set('capabilities', applyCapabilities(model.capabilities, o.capabilities));
    if (o.limits) {
      set('context_window', o.limits.context_window);
      set('max_output_tokens', o.limits.max_output_tokens);
      set('max_input_tokens', o.limits.max_input_tokens);
    }
    if (o.pricing) {
      model.pricing = mergePricing(model.pricing, o.pricing);
      if (trace) for (const k of Object.keys(o.pricing)) touched(`pricing.${k}`);
    }
    set('reasoning', o.reasoning);
    if (o.parameters) set('parameters', { ...(model.parameters ?? {}), ...o.parameters });
    if (o.disabled !== undefined) {
      model.disabled = o.disabled;
      touched('disabled');
      if (o.disabled) {
        set('reason', o.reason);
        set('replace_with', o.replace_with);
      } else {
        delete model.reason;
        delete model.replace_with;
      }
    }
  }
  return model;
}

/** Applies overrides in the given order to a base model, field by field. Pure. */
export function applyOverrides(base: Model, providerId: string, overrides: readonly Override[]): Resolution {
  const trace: FieldTrace = { origins: {}, setBy: {} };
  const model = overridden(base, providerId, overrides, trace);
  return { model, overrides: [...overrides], ...trace };
}

/** The overrides of one offering, in ascending priority. */
function offeringOverrides(list: readonly Override[], variant: string | undefined): Override[] {
  return list.filter((o) => o.variant === variant);
}

/**
 * The model `spelling` names as `providerId` serves it, or undefined when the provider does not
 * list it. Any spelling the identity links works (`claude-sonnet-4.5`, `anthropic/claude-sonnet-4.5`,
 * Bedrock's `us.anthropic.claude-sonnet-4-5-20250929-v1:0`); a spelling that names a variant, or
 * `options.variant`, picks that offering. A disabled offering still resolves (with `disabled: true`)
 * so callers can show why.
 */
export function resolveModel(
  index: CatalogIndex,
  providerId: string,
  spelling: string,
  options: { variant?: string } = {},
): Resolution | undefined {
  const offering = findOffering(index, providerId, spelling, options.variant);
  if (!offering) return undefined;
  const base = index.models.get(offering.model_id);
  const list = index.overrides.get(providerId)?.get(offering.model_id);
  if (!base || !list) return undefined;
  return applyOverrides(base, providerId, offeringOverrides(list, offering.variant));
}

/** Every offering a provider has of one model, resolved: the plain offering first, then each variant. */
export function resolveOfferings(index: CatalogIndex, providerId: string, modelId: string): ResolvedModel[] {
  const base = index.models.get(modelId);
  const list = index.overrides.get(providerId)?.get(modelId);
  if (!base || !list) return [];
  return variantsOffered(list).map((v) => overridden(base, providerId, offeringOverrides(list, v)));
}

/**
 * Every model a provider serves, resolved, sorted by id (disabled ones included): one entry per
 * model, its plain offering (or, when it has none, its first variant).
 */
export function resolveProviderModels(index: CatalogIndex, providerId: string): ResolvedModel[] {
  const byModel = index.overrides.get(providerId);
  if (!byModel) return [];
  const out: ResolvedModel[] = [];
  for (const [id, list] of byModel) {
    const base = index.models.get(id);
    if (base) out.push(overridden(base, providerId, offeringOverrides(list, variantsOffered(list)[0])));
  }
  return out.sort((a, b) => byCodePoint(a.id, b.id));
}

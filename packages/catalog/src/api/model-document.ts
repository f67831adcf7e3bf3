import { auditOverrides, type Disagreement } from '../audit/audit.ts';
import type { Catalog } from '../io/read.ts';
import {
  applyOverrides,
  type CatalogIndex,
  type FieldOrigin,
  indexCatalog,
  type ResolvedModel,
} from '../resolve.ts';
import { type Model, MODEL_FACT_KEYS } from '../schema/model.ts';
import { compareByInputPrice, findBaseModelId } from './offerings.ts';
import { byCodePoint } from '../schema/common.ts';

/**
 * Where one fact's value came from. `layer` is the base model, a source's override of this offering
 * (`auto`) or a person's override (`manual`). `source` names the source that wrote the fact (a
 * provider or importer id: `openai`, `models.dev`, `litellm`); a base fact without `source` was
 * written by a person, as was an `auto` one written before overrides recorded their source.
 */
export interface FactOrigin {
  layer: FieldOrigin;
  /** The source that wrote the fact; absent = a person (or, on the `auto` layer, not recorded). */
  source?: string;
  /** The date the source's fact is as of, when it said. */
  as_of?: string;
}

/** The facts a provider's overrides can change, resolved: what a consumer routes and prices with. */
const OFFERING_FACT_KEYS = [
  'capabilities',
  'context_window',
  'max_output_tokens',
  'max_input_tokens',
  'pricing',
  'reasoning',
  'parameters',
] as const satisfies readonly (keyof ResolvedModel)[];

/** A fact of the offering that two or more sources state differently (see `auditOverrides`). */
export type OfferingDisagreement = Omit<Disagreement, 'provider_id' | 'model_id'>;

/** One provider's offering of the model, with its overrides applied. */
export type ModelOfferingDocument = Pick<
  ResolvedModel,
  'provider_model_id' | 'variant' | 'disabled' | 'reason' | 'replace_with' | (typeof OFFERING_FACT_KEYS)[number]
> & {
  provider_id: string;
  provider_name: string;
  /** When the provider's list-models API was last synced, if it ever was. */
  last_synced?: string;
  /** For every fact present above; a price per price key (`pricing.input`). */
  origins: Record<string, FactOrigin>;
  /** Facts its sources state differently, most impact first, every variant's; absent when they agree. */
  disagreements?: OfferingDisagreement[];
};

/**
 * A model and who serves it: the document of the static API's `models/<id>.json` and of the web
 * API's model route, built by this one function so the two never differ.
 */
export interface ModelDocument {
  /** The base model id (the document is found by an alias or a provider spelling too). */
  id: string;
  /** The provider-independent facts; source bookkeeping is in `origins`, not in `metadata`. */
  model: Model;
  /** For every base fact present in `model`. */
  origins: Record<string, FactOrigin>;
  /** Enabled offerings cheapest input price first (see `providersFor`), then disabled ones by provider id. */
  providers: ModelOfferingDocument[];
}

/**
 * The model without `metadata.provenance`: importers need it to know which facts they own; a
 * consumer reads where a fact came from elsewhere (`origins`), or not at all.
 */
export function withoutProvenance<T extends Pick<Model, 'metadata'>>(model: T): T {
  if (!model.metadata?.provenance) return model;
  const metadata = metadataWithoutProvenance(model.metadata);
  const out: T = { ...model, metadata };
  if (metadata === undefined) delete out.metadata;
  return out;
}

/** A model's metadata without `provenance` (see `withoutProvenance`); undefined when nothing else is left. */
export function metadataWithoutProvenance(metadata: Model['metadata']): Model['metadata'] {
  if (!metadata?.provenance) return metadata;
  const { provenance: _provenance, ...rest } = metadata;
  return Object.keys(rest).length === 0 ? undefined : rest;
}

function baseOrigins(model: Model): Record<string, FactOrigin> {
  const provenance = model.metadata?.provenance ?? {};
  const origins: Record<string, FactOrigin> = {};
  for (const key of MODEL_FACT_KEYS) {
    if (model[key] === undefined) continue;
    const stated = provenance[key];
    origins[key] =
      stated === undefined
        ? { layer: 'base' }
        : { layer: 'base', source: stated.source, ...(stated.as_of ? { as_of: stated.as_of } : {}) };
  }
  return origins;
}

function offeringDocument(
  index: CatalogIndex,
  providerId: string,
  base: Model,
  baseOrigins: Record<string, FactOrigin>,
): ModelOfferingDocument | undefined {
  const every = index.overrides.get(providerId)?.get(base.id);
  const provider = index.providers.get(providerId);
  if (!every?.[0] || !provider) return undefined;
  // The plain offering, else the first variant (the list is sorted so): variants have their own prices.
  const { variant } = every[0];
  const { model, origins: touched, setBy } = applyOverrides(base, providerId, every.filter((o) => o.variant === variant));
  // A price inherited from the base model has the origin of the base model's `pricing`.
  const origin = (key: string): FactOrigin => {
    const layer = touched[key];
    const stated = setBy[key]?.provenance;
    if (layer !== undefined && layer !== 'base') {
      return stated ? { layer, source: stated.source, ...(stated.as_of ? { as_of: stated.as_of } : {}) } : { layer };
    }
    return baseOrigins[key.replace(/\..*$/, '')] ?? { layer: 'base' };
  };
  const doc: ModelOfferingDocument = {
    provider_id: providerId,
    provider_name: provider.name,
    provider_model_id: model.provider_model_id,
    ...(variant ? { variant } : {}),
    origins: {},
  };
  if (provider.models_api?.last_synced) doc.last_synced = provider.models_api.last_synced;
  const disagreements = auditOverrides(every).map(({ provider_id: _p, model_id: _m, ...d }) => d);
  if (disagreements.length > 0) doc.disagreements = disagreements;
  if (model.disabled !== undefined) {
    doc.disabled = model.disabled;
    doc.origins.disabled = origin('disabled');
  }
  if (model.reason !== undefined) doc.reason = model.reason;
  if (model.replace_with !== undefined) doc.replace_with = model.replace_with;
  for (const key of OFFERING_FACT_KEYS) {
    if (model[key] === undefined) continue;
    Object.assign(doc, { [key]: model[key] });
    if (key === 'pricing') {
      for (const priceKey of Object.keys(model.pricing ?? {})) doc.origins[`pricing.${priceKey}`] = origin(`pricing.${priceKey}`);
    } else {
      doc.origins[key] = origin(key);
    }
  }
  return doc;
}

const isIndex = (value: Catalog | CatalogIndex): value is CatalogIndex => value.models instanceof Map;

/**
 * The document for `modelId` (a base id, an alias or a provider's own spelling), or undefined when
 * the catalog has no such model. Pure. Pass a `CatalogIndex` when building many documents, so the
 * catalog is indexed once.
 */
export function buildModelDocument(catalog: Catalog | CatalogIndex, modelId: string): ModelDocument | undefined {
  const index = isIndex(catalog) ? catalog : indexCatalog(catalog);
  const id = findBaseModelId(index, modelId);
  const base = id === undefined ? undefined : index.models.get(id);
  if (!base) return undefined;
  const origins = baseOrigins(base);
  const offerings: ModelOfferingDocument[] = [];
  for (const providerId of index.providers.keys()) {
    const doc = offeringDocument(index, providerId, base, origins);
    if (doc) offerings.push(doc);
  }
  const enabled = offerings
    .filter((o) => o.disabled !== true)
    .map((doc) => ({ provider_id: doc.provider_id, model: doc, doc }))
    .sort(compareByInputPrice)
    .map(({ doc }) => doc);
  const disabled = offerings
    .filter((o) => o.disabled === true)
    .sort((a, b) => byCodePoint(a.provider_id, b.provider_id));
  return { id: base.id, model: withoutProvenance(base), origins, providers: [...enabled, ...disabled] };
}

import { compareKeys } from '../canonical.ts';
import type { Catalog } from '../io/read.ts';
import { indexCatalog, resolveProviderModels, type ResolvedModel } from '../resolve.ts';
import type { Provider } from '../schema/provider.ts';
import { keyEnvOf } from '../schema/provider.ts';
import { metadataWithoutProvenance } from './model-document.ts';
import { byCodePoint } from '../schema/common.ts';

/** A model in the built catalog: its effective values for one provider, without merge bookkeeping. */
export type BuiltModel = Omit<ResolvedModel, 'provider_id'>;

export type BuiltProvider = Provider & {
  /** Keyed by base model id; disabled offerings are kept, flagged `disabled`, so a consumer can show the replacement. */
  models: Record<string, BuiltModel>;
};

/** `dist/catalog.json`: every provider with the models it serves, overrides already applied. */
export interface BuiltCatalog {
  /** The newest version among the data files it was built from. */
  version: string;
  providers: Record<string, BuiltProvider>;
}

/**
 * A copy with its keys in the order `stableJson` writes them, so that it writes the object as it is
 * instead of copying it again: most of a built catalog is its thousands of models. `valueOf` may
 * change a value, or leave its key out by giving undefined.
 */
function inWriteOrder<T extends object>(value: T, valueOf = (_key: string, v: unknown): unknown => v): T {
  const out: Record<string, unknown> = {};
  // Assigned: a provider's and a model's keys are their schemas' fields, never `__proto__`.
  for (const key of Object.keys(value).sort(compareKeys)) {
    const v = valueOf(key, (value as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}

/** A resolved model without the provider id (it is the key above it) and without provenance, in one copy. */
const builtModel = (model: ResolvedModel): BuiltModel =>
  inWriteOrder(model, (key, v) => (key === 'provider_id' ? undefined : key === 'metadata' ? metadataWithoutProvenance(model.metadata) : v));

/**
 * The catalog resolved for consumers in any language: provider -> model -> effective values.
 * Pure; serialize it with `stableJson` for byte-identical output from the same data.
 */
export function buildResolvedCatalog(catalog: Catalog, version: string): BuiltCatalog {
  const index = indexCatalog(catalog);
  const providers: Record<string, BuiltProvider> = {};
  for (const provider of [...catalog.providers].sort((a, b) => byCodePoint(a.id, b.id))) {
    // Defined, not assigned: a model named `__proto__` is a key like any other.
    const models: Record<string, BuiltModel> = Object.fromEntries(
      resolveProviderModels(index, provider.id).map((m) => [m.id, builtModel(m)]),
    );
    const keyEnv = keyEnvOf(provider);
    providers[provider.id] = inWriteOrder({ ...provider, ...(keyEnv ? { api_key_env: keyEnv } : {}), models });
  }
  return { version, providers };
}

/** Builders and checks shared by the merge tests. */
import {
  type Catalog,
  catalogErrors as catalogProblems,
  formatProblem,
  type Model,
  type Override,
  type Provider,
  SOURCE_BANDS,
} from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import { hostedProvider } from './builders.ts';

export const provider = (id: string): Provider => hostedProvider(id, `https://${id}.example/v1`, { name: id });

/** A catalog with the given providers (by id), models and overrides. */
export function catalogOf(providerIds: string[], models: Model[] = [], overrides: Override[] = []): Catalog {
  return { providers: providerIds.map(provider), models, overrides };
}

/** A fetched entry whose provider spelling is its id unless `fields` says otherwise. */
export const fetched = (id: string, fields: Partial<NormalizedModel> = {}): NormalizedModel => ({
  id,
  provider_model_id: id,
  ...fields,
});

export { usd } from './builders.ts';

/** A membership marker or auto override for `providerId`/`modelId`, in the provider's own band. */
export const auto = (providerId: string, modelId: string, fields: Partial<Override> = {}): Override => ({
  provider_id: providerId,
  model_id: modelId,
  priority: SOURCE_BANDS.provider,
  provenance: { source: providerId },
  ...fields,
});

export const manual = (
  providerId: string,
  modelId: string,
  priority: number,
  fields: Partial<Override> = {},
): Override => ({ provider_id: providerId, model_id: modelId, priority, reason: 'set by a person', ...fields });

/** Every schema and integrity error of a catalog, as readable lines (empty when valid). */
export const catalogErrors = (catalog: Catalog): string[] => catalogProblems(catalog).map(formatProblem);

/** Freezes a value and everything in it, so a test fails if code under test mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

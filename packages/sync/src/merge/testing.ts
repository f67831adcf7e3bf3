/** Builders and checks shared by the merge tests. Not part of the package's API. */
import {
  type Catalog,
  checkIntegrity,
  formatProblem,
  type Model,
  ModelSchema,
  type Override,
  OverrideSchema,
  type Provider,
  ProviderSchema,
  type TokenPrice,
} from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';

export function provider(id: string): Provider {
  return {
    id,
    name: id,
    authentication: 'API_KEY',
    formats: [{ format: 'OPENAI', base_url: `https://${id}.example/v1`, default: true }],
  };
}

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

export const usd = (perMillion: number): TokenPrice => ({ per_million_tokens: perMillion, currency: 'USD' });

/** A membership marker or auto override for `providerId`/`modelId`. */
export const auto = (providerId: string, modelId: string, fields: Partial<Override> = {}): Override => ({
  provider_id: providerId,
  model_id: modelId,
  priority: 0,
  ...fields,
});

export const manual = (
  providerId: string,
  modelId: string,
  priority: number,
  fields: Partial<Override> = {},
): Override => ({ provider_id: providerId, model_id: modelId, priority, reason: 'set by a person', ...fields });

/** Every schema and integrity error of a catalog, formatted; warnings are left out. */
export function catalogErrors(catalog: Catalog): string[] {
  const errors: string[] = [];
  const check = (label: string, result: { success: boolean; error?: { message: string } }) => {
    if (!result.success) errors.push(`${label}: ${result.error?.message}`);
  };
  catalog.providers.forEach((p) => check(`provider ${p.id}`, ProviderSchema.safeParse(p)));
  catalog.models.forEach((m) => check(`model ${m.id}`, ModelSchema.safeParse(m)));
  catalog.overrides.forEach((o) => check(`override ${o.provider_id}/${o.model_id}`, OverrideSchema.safeParse(o)));
  for (const p of checkIntegrity(catalog)) if (p.severity === 'error') errors.push(formatProblem(p));
  return errors;
}

/** Freezes a value and everything in it, so a test fails if code under test mutates its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

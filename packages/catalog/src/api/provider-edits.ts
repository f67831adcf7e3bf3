import type { Catalog } from '../io/read.ts';
import { isManualOverride } from '../schema/override.ts';
import { type ModelsApi, type Provider, ProviderSchema } from '../schema/provider.ts';

/**
 * The edits of providers.json that `catalog providers ...` and the web API both make. Each is pure:
 * it takes the catalog and returns the next one (the caller writes it through `editCatalog`), or
 * throws a `ProviderEditError` that says what was refused and why (the caller adds how to go on).
 */

export type ProviderEditErrorCode = 'unknown-provider' | 'duplicate-id' | 'duplicate-url' | 'no-models-api' | 'referenced' | 'invalid';

export class ProviderEditError extends Error {
  constructor(
    readonly code: ProviderEditErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProviderEditError';
  }
}

export function findProviderOrThrow(catalog: Catalog, id: string): Provider {
  const provider = catalog.providers.find((p) => p.id === id);
  if (!provider) throw new ProviderEditError('unknown-provider', `unknown provider "${id}" (not in providers.json)`);
  return provider;
}

/** A base URL as compared for duplicates: scheme, host and path, case-insensitive host, no trailing slash. */
function comparableUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

/** The provider whose format base URLs include `baseUrl` (same scheme, host and path). */
export function providerWithBaseUrl(providers: readonly Provider[], baseUrl: string): Provider | undefined {
  const wanted = comparableUrl(baseUrl);
  if (!wanted) return undefined;
  return providers.find((p) => p.formats.some((f) => comparableUrl(f.base_url) === wanted));
}

function checkedProvider(provider: Provider): Provider {
  const parsed = ProviderSchema.safeParse(provider);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ProviderEditError('invalid', `the provider would be invalid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'schema error'}`);
}

/** Adds a provider; refuses an id or a base URL the catalog already has, so one service never appears twice. */
export function addProvider(catalog: Catalog, provider: Provider): Catalog {
  const checked = checkedProvider(provider);
  if (catalog.providers.some((p) => p.id === checked.id)) {
    throw new ProviderEditError('duplicate-id', `provider "${checked.id}" already exists in providers.json`);
  }
  for (const format of checked.formats) {
    const existing = providerWithBaseUrl(catalog.providers, format.base_url);
    if (existing) {
      throw new ProviderEditError(
        'duplicate-url',
        `the catalog already has ${format.base_url} as provider "${existing.id}"`,
      );
    }
  }
  return { ...catalog, providers: [...catalog.providers, checked] };
}

export interface ProviderRemoval {
  removed_overrides: number;
  removed_manual_overrides: number;
  /** Models no provider serves once this one is gone. */
  orphaned_models: string[];
}

/** Removes a provider; refuses while overrides reference it unless `force`, which removes them too. */
export function removeProvider(catalog: Catalog, id: string, options: { force?: boolean } = {}): { catalog: Catalog; result: ProviderRemoval } {
  findProviderOrThrow(catalog, id);
  const referencing = catalog.overrides.filter((o) => o.provider_id === id);
  const manual = referencing.filter(isManualOverride).length;
  if (referencing.length > 0 && !options.force) {
    throw new ProviderEditError(
      'referenced',
      `${referencing.length} override${referencing.length === 1 ? '' : 's'} in overrides.json reference "${id}" (${manual} manual)`,
    );
  }
  const overrides = catalog.overrides.filter((o) => o.provider_id !== id);
  const stillServed = new Set(overrides.filter((o) => !o.disabled).map((o) => o.model_id));
  const wasServed = new Set(referencing.filter((o) => !o.disabled).map((o) => o.model_id));
  return {
    catalog: { ...catalog, providers: catalog.providers.filter((p) => p.id !== id), overrides },
    result: {
      removed_overrides: referencing.length,
      removed_manual_overrides: manual,
      orphaned_models: [...wasServed].filter((m) => !stillServed.has(m)).sort(),
    },
  };
}

/** Sets `models_api.enabled`: whether `sync --all` and `health` include the provider. */
export function setProviderSyncEnabled(catalog: Catalog, id: string, enabled: boolean): { catalog: Catalog; changed: boolean } {
  const provider = findProviderOrThrow(catalog, id);
  if (!provider.models_api) {
    throw new ProviderEditError('no-models-api', `"${id}" has no models_api in providers.json, so there is nothing to ${enabled ? 'enable' : 'disable'}`);
  }
  if (provider.models_api.enabled === enabled) return { catalog, changed: false };
  const updated: Provider = { ...provider, models_api: { ...provider.models_api, enabled } };
  return { catalog: { ...catalog, providers: catalog.providers.map((p) => (p === provider ? updated : p)) }, changed: true };
}

/** The fields a person edits on an existing provider; `null` clears an optional one. */
export interface ProviderPatch {
  name?: string;
  description?: string | null;
  website?: string | null;
  documentation?: string | null;
  api_key_env?: string | null;
  deprecated?: boolean;
  update_frequency?: ModelsApi['update_frequency'];
}

/** Applies a patch to one provider, checked against the schema; an empty or identical patch changes nothing. */
export function editProvider(catalog: Catalog, id: string, patch: ProviderPatch): { catalog: Catalog; provider: Provider; changed: boolean } {
  const provider = findProviderOrThrow(catalog, id);
  const next: Record<string, unknown> = { ...provider };
  for (const key of ['name', 'description', 'website', 'documentation', 'api_key_env', 'deprecated'] as const) {
    const value = patch[key];
    if (value === undefined) continue;
    if (value === null || (key === 'deprecated' && value === false)) delete next[key];
    else next[key] = value;
  }
  if (patch.update_frequency !== undefined) {
    if (!provider.models_api) throw new ProviderEditError('no-models-api', `"${id}" has no models_api, so it has no update_frequency`);
    next.models_api = { ...provider.models_api, update_frequency: patch.update_frequency };
  }
  const updated = checkedProvider(next as Provider);
  if (JSON.stringify(updated) === JSON.stringify(provider)) return { catalog, provider, changed: false };
  return { catalog: { ...catalog, providers: catalog.providers.map((p) => (p === provider ? updated : p)) }, provider: updated, changed: true };
}

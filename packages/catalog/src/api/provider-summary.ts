import type { Catalog } from '../io/read.ts';
import { type CatalogIndex, indexCatalog, resolveProviderModels } from '../resolve.ts';
import { byCodePoint } from '../schema/common.ts';
import { isManualOverride } from '../schema/override.ts';
import { keyEnvOf, type Provider } from '../schema/provider.ts';
import { findProviderOrThrow } from './provider-edits.ts';

/** Which variable holds a provider's key and whether it is set in `env`; never the value. */
export interface ProviderKeyState {
  key_env?: string;
  key: 'set' | 'missing' | 'not-needed';
}

export function providerKeyState(provider: Provider, env: NodeJS.ProcessEnv): ProviderKeyState {
  const name = keyEnvOf(provider);
  if (!name) return { key: 'not-needed' };
  return { key_env: name, key: env[name]?.trim() ? 'set' : 'missing' };
}

/** Whether `sync --all` and `health` include the provider: `none` when it has no list endpoint. */
export const providerSyncState = (p: Provider): 'enabled' | 'disabled' | 'none' =>
  p.models_api ? (p.models_api.enabled ? 'enabled' : 'disabled') : 'none';

function modelCounts(index: CatalogIndex, id: string): { models: number; disabled: number } {
  const models = resolveProviderModels(index, id);
  return { models: models.filter((m) => !m.disabled).length, disabled: models.filter((m) => m.disabled).length };
}

/** One row of `providers list`. */
export interface ProviderSummary extends ProviderKeyState {
  id: string;
  name: string;
  format?: string;
  base_url?: string;
  models: number;
  disabled: number;
  sync: 'enabled' | 'disabled' | 'none';
  tags: string[];
  deprecated?: true;
}

/** Every provider by id: default format, models served and disabled, key state, sync state. */
export function providerSummaries(catalog: Catalog, env: NodeJS.ProcessEnv): ProviderSummary[] {
  const index = indexCatalog(catalog);
  return [...catalog.providers]
    .sort((a, b) => byCodePoint(a.id, b.id))
    .map((p) => {
      const format = p.formats.find((f) => f.default) ?? p.formats[0];
      return {
        id: p.id,
        name: p.name,
        format: format?.format,
        base_url: format?.base_url,
        ...modelCounts(index, p.id),
        ...providerKeyState(p, env),
        sync: providerSyncState(p),
        tags: p.metadata?.tags ?? [],
        ...(p.deprecated ? { deprecated: true as const } : {}),
      };
    });
}

/** `providers show`: the entry, its key state, how many models it serves and how many overrides name it. */
export function providerDetail(catalog: Catalog, id: string, env: NodeJS.ProcessEnv) {
  const provider = findProviderOrThrow(catalog, id);
  const overrides = catalog.overrides.filter((o) => o.provider_id === id);
  return {
    provider,
    key: providerKeyState(provider, env),
    ...modelCounts(indexCatalog(catalog), id),
    overrides: overrides.length,
    manual_overrides: overrides.filter(isManualOverride).length,
  };
}

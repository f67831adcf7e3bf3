import { byCodePoint, type Catalog, type Provider, ProviderIdSchema, ProviderSchema } from '@llm-catalog/catalog';
import { checkBaseUrl, defaultModelsUrl, detectProviderFromUrl, modelsEndpointFor } from './detect-provider.ts';
import { type KeyStatus, keyStatusOf } from './keys.ts';

/** How the environment revealed a provider. */
export type DiscoverySource = 'key' | 'ollama-url' | 'custom-url';

export interface DiscoveredProvider {
  id: string;
  via: DiscoverySource;
  /** The names (never the values) of the variables that revealed it. */
  env: string[];
  key: KeyStatus;
  /** The catalog already has a provider with this id. */
  inCatalog: boolean;
  /** The base URL the environment gives, for URL-revealed providers. */
  baseUrl?: string;
  /** The entry `discover --save` would add; only for providers not yet in the catalog. */
  provider?: Provider;
  /** Something a person should know, e.g. that the environment's URL differs from the catalog's. */
  note?: string;
}

export interface DiscoveryProblem {
  env: string;
  message: string;
}

export interface Discovery {
  /** Sorted by id. */
  found: DiscoveredProvider[];
  problems: DiscoveryProblem[];
}

export const OLLAMA_URL_ENV = 'OLLAMA_BASE_URL';

/**
 * The provider as this machine reaches it: `OLLAMA_BASE_URL` moves the catalog's Ollama endpoints to
 * that server (its origin; the paths stay). Applied in memory for fetching only, never written:
 * where someone's GPU box lives is not a fact about Ollama.
 */
export function withEnvironmentBaseUrl(provider: Provider, env: NodeJS.ProcessEnv): Provider {
  const value = env[OLLAMA_URL_ENV];
  if (provider.id !== 'ollama' || !provider.models_api || !isSet(value)) return provider;
  let origin: string;
  try {
    origin = new URL(value.trim()).origin;
  } catch {
    return provider;
  }
  const rebase = (url: string) => {
    const u = new URL(url);
    return `${origin}${u.pathname}${u.search}`;
  };
  return {
    ...provider,
    formats: provider.formats.map((f) => ({ ...f, base_url: rebase(f.base_url) })),
    models_api: {
      ...provider.models_api,
      endpoints: provider.models_api.endpoints.map((e) => ({ ...e, url: rebase(e.url) })),
    },
  };
}
const CUSTOM_URL_ENV = /^PROVIDER_([A-Z0-9][A-Z0-9_]*)_URL$/;
const CUSTOM_KEY_ENV = /^PROVIDER_([A-Z0-9][A-Z0-9_]*)_KEY$/;

const isSet = (value: string | undefined): value is string => Boolean(value?.trim());

const baseUrlOf = (p: Provider) => p.formats.find((f) => f.default)?.base_url ?? p.formats[0]?.base_url;

/** A provider entry for a server found only by its URL, OpenAI-compatible unless the URL says otherwise. */
function providerForUrl(id: string, name: string, url: string, keyEnv: string | undefined, description: string): Provider {
  const detected = detectProviderFromUrl(url);
  const transformer = detected?.transformer ?? 'openai';
  const provider: Provider = {
    id,
    name,
    description,
    authentication: keyEnv ? 'API_KEY' : 'NONE',
    ...(keyEnv ? { api_key_env: keyEnv } : {}),
    formats: [{ format: detected?.format ?? 'OPENAI', base_url: url, default: true }],
    ...(detected?.local ? { metadata: { tags: ['self-hosted' as const] } } : {}),
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [modelsEndpointFor(detected?.modelsUrl ?? defaultModelsUrl(url), transformer, detected ?? {})],
    },
  };
  return ProviderSchema.parse(provider);
}

function discoverCustom(
  env: NodeJS.ProcessEnv,
  byId: Map<string, Provider>,
  found: DiscoveredProvider[],
  problems: DiscoveryProblem[],
) {
  const urlNames = new Set<string>();
  for (const [name, value] of Object.entries(env)) {
    const match = CUSTOM_URL_ENV.exec(name);
    if (!match?.[1] || !isSet(value)) continue;
    urlNames.add(match[1]);
    const id = match[1].toLowerCase().replace(/_/g, '-');
    const keyEnv = `PROVIDER_${match[1]}_KEY`;
    if (!ProviderIdSchema.safeParse(id).success) {
      problems.push({ env: name, message: `"${id}" is not a usable provider id (a-z, 0-9 and "-", starting with a letter or digit)` });
      continue;
    }
    const checked = checkBaseUrl(value);
    if ('error' in checked) {
      problems.push({ env: name, message: checked.error });
      continue;
    }
    const keySet = isSet(env[keyEnv]);
    const existing = byId.get(id);
    const entry: DiscoveredProvider = {
      id,
      via: 'custom-url',
      env: keySet ? [name, keyEnv] : [name],
      key: keySet ? 'found' : 'not-needed',
      inCatalog: existing !== undefined,
      baseUrl: checked.url,
    };
    if (existing) {
      const current = baseUrlOf(existing);
      if (current !== checked.url) entry.note = `providers.json has ${current} for "${id}"; ${name} is not applied`;
    } else {
      entry.provider = providerForUrl(
        id,
        id,
        checked.url,
        keySet ? keyEnv : undefined,
        `OpenAI-compatible provider found in the environment (${name}).`,
      );
    }
    found.push(entry);
  }
  for (const name of Object.keys(env)) {
    const match = CUSTOM_KEY_ENV.exec(name);
    if (match?.[1] && isSet(env[name]) && !urlNames.has(match[1])) {
      problems.push({ env: name, message: `is set but PROVIDER_${match[1]}_URL is not; the provider needs its base URL` });
    }
  }
}

function discoverOllama(env: NodeJS.ProcessEnv, byId: Map<string, Provider>, found: DiscoveredProvider[], problems: DiscoveryProblem[]) {
  const value = env[OLLAMA_URL_ENV];
  if (!isSet(value)) return;
  const checked = checkBaseUrl(value);
  if ('error' in checked) {
    problems.push({ env: OLLAMA_URL_ENV, message: checked.error });
    return;
  }
  const existing = byId.get('ollama');
  const entry: DiscoveredProvider = {
    id: 'ollama',
    via: 'ollama-url',
    env: [OLLAMA_URL_ENV],
    key: 'not-needed',
    inCatalog: existing !== undefined,
    baseUrl: checked.url,
  };
  if (!existing) {
    entry.provider = providerForUrl('ollama', 'Ollama', checked.url, undefined, `Local Ollama server found in the environment (${OLLAMA_URL_ENV}).`);
  }
  found.push(entry);
}

/**
 * What the environment says about providers: catalog providers whose key variable is set,
 * `OLLAMA_BASE_URL`, and custom OpenAI-compatible providers given as `PROVIDER_<NAME>_URL` (with an
 * optional `PROVIDER_<NAME>_KEY`). Pure: reads `env`, never a key's value into the result.
 */
export function discoverProviders(catalog: Pick<Catalog, 'providers'>, env: NodeJS.ProcessEnv): Discovery {
  const byId = new Map(catalog.providers.map((p) => [p.id, p]));
  const found: DiscoveredProvider[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const provider of catalog.providers) {
    const key = keyStatusOf(provider, env);
    if (key.status !== 'found' || !key.envVar) continue;
    found.push({ id: provider.id, via: 'key', env: [key.envVar], key: 'found', inCatalog: true });
  }
  discoverOllama(env, byId, found, problems);
  discoverCustom(env, byId, found, problems);
  const merged = new Map<string, DiscoveredProvider>();
  for (const entry of found) {
    const seen = merged.get(entry.id);
    // A custom provider already in the catalog is also found by its key: one line, both variables.
    if (seen) merged.set(entry.id, { ...entry, ...seen, env: [...new Set([...seen.env, ...entry.env])].sort() });
    else merged.set(entry.id, entry);
  }
  return {
    found: [...merged.values()].sort((a, b) => byCodePoint(a.id, b.id)),
    problems: problems.sort((a, b) => byCodePoint(a.env, b.env)),
  };
}

/** The discovered providers that are not in the catalog yet, as entries for providers.json. */
export function newProviders(discovery: Discovery, sources: readonly DiscoverySource[] = ['ollama-url', 'custom-url']): Provider[] {
  return discovery.found.filter((d) => d.provider && sources.includes(d.via)).map((d) => d.provider as Provider);
}

/**
 * The catalog with the custom providers found in the environment added, for `sync --all`: a
 * `PROVIDER_<NAME>_URL` provider is synced like any other, and saved with its models.
 */
export function withDiscoveredProviders(catalog: Catalog, env: NodeJS.ProcessEnv): { catalog: Catalog; added: string[] } {
  const added = newProviders(discoverProviders(catalog, env), ['custom-url']);
  if (added.length === 0) return { catalog, added: [] };
  return { catalog: { ...catalog, providers: [...catalog.providers, ...added] }, added: added.map((p) => p.id) };
}

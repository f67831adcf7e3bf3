import { keyEnvOf, type Provider } from '@llm-catalog/catalog';

/** Whether a provider's key is available: `not-needed` for providers that take no key variable. */
export type KeyStatus = 'found' | 'missing' | 'not-needed';

export interface ProviderKey {
  providerId: string;
  /** The environment variable the key is read from; absent when none is needed. */
  envVar?: string;
  status: KeyStatus;
}

type KeyedProvider = Pick<Provider, 'id' | 'api_key_env' | 'authentication'> & Partial<Pick<Provider, 'models_api'>>;

/** The provider's key from the environment; an empty or blank variable counts as not set. */
export function keyOf(provider: KeyedProvider, env: NodeJS.ProcessEnv): string | undefined {
  const envVar = keyEnvOf(provider);
  const value = envVar === undefined ? undefined : env[envVar];
  return value?.trim() ? value : undefined;
}

/** Whether listing the provider's models needs its key: false only when every list endpoint is public. */
export function listingNeedsKey(provider: KeyedProvider): boolean {
  const endpoints = provider.models_api?.endpoints ?? [];
  return endpoints.length === 0 || endpoints.some((e) => !e.public);
}

/** Which variable each provider reads its key from and whether it is set. Never carries the key itself. */
export function keyStatusOf(provider: KeyedProvider, env: NodeJS.ProcessEnv): ProviderKey {
  const envVar = keyEnvOf(provider);
  if (envVar === undefined) return { providerId: provider.id, status: 'not-needed' };
  if (keyOf(provider, env)) return { providerId: provider.id, envVar, status: 'found' };
  return { providerId: provider.id, envVar, status: listingNeedsKey(provider) ? 'missing' : 'not-needed' };
}

/** Every key the environment holds for these providers: what must be redacted from any output. */
export function secretsOf(providers: readonly KeyedProvider[], env: NodeJS.ProcessEnv): string[] {
  const secrets = new Set<string>();
  for (const p of providers) {
    const key = keyOf(p, env);
    if (key) secrets.add(key);
  }
  return [...secrets];
}

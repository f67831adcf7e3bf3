import { apiKeyEnvOf, type Provider } from '@llm-catalog/catalog';

/** Whether a provider's key is available: `not-needed` for providers without authentication. */
export type KeyStatus = 'found' | 'missing' | 'not-needed';

export interface ProviderKey {
  providerId: string;
  /** The environment variable the key is read from; absent when none is needed. */
  envVar?: string;
  status: KeyStatus;
}

export function providerNeedsKey(provider: Pick<Provider, 'authentication'>): boolean {
  return provider.authentication !== 'NONE';
}

/** The provider's key from the environment; an empty or blank variable counts as not set. */
export function keyOf(provider: Pick<Provider, 'id' | 'api_key_env' | 'authentication'>, env: NodeJS.ProcessEnv) {
  if (!providerNeedsKey(provider)) return undefined;
  const value = env[apiKeyEnvOf(provider)];
  return value?.trim() ? value : undefined;
}

/** Which variable each provider reads its key from and whether it is set. Never carries the key itself. */
export function keyStatusOf(
  provider: Pick<Provider, 'id' | 'api_key_env' | 'authentication'>,
  env: NodeJS.ProcessEnv,
): ProviderKey {
  if (!providerNeedsKey(provider)) return { providerId: provider.id, status: 'not-needed' };
  const envVar = apiKeyEnvOf(provider);
  return { providerId: provider.id, envVar, status: keyOf(provider, env) ? 'found' : 'missing' };
}

/** Every key the environment holds for these providers: what must be redacted from any output. */
export function secretsOf(
  providers: readonly Pick<Provider, 'id' | 'api_key_env' | 'authentication'>[],
  env: NodeJS.ProcessEnv,
): string[] {
  const secrets = new Set<string>();
  for (const p of providers) {
    const key = keyOf(p, env);
    if (key) secrets.add(key);
  }
  return [...secrets];
}

import { apiKeyEnvOf, type Provider } from '../schema/provider.ts';

/**
 * The environment variable a provider's key is read from, or undefined when it takes none: a
 * keyless server (`NONE`), or cloud credentials with no key variable of their own (Vertex AI).
 * `apiKeyEnvOf`'s `<ID>_API_KEY` default applies only to providers that authenticate with a key.
 */
export function keyEnvOf(provider: Pick<Provider, 'id' | 'api_key_env' | 'authentication'>): string | undefined {
  if (provider.authentication === 'API_KEY') return apiKeyEnvOf(provider);
  return provider.authentication === 'NONE' ? undefined : provider.api_key_env;
}

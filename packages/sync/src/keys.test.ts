import type { ModelsApiEndpoint, Provider } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { keyOf, keyStatusOf, listingNeedsKey, secretsOf } from './keys.ts';

const groq = { id: 'groq', authentication: 'API_KEY' as const };
const scaleway = { id: 'scaleway', authentication: 'API_KEY' as const, api_key_env: 'SCW_SECRET_KEY' };
const ollama = { id: 'ollama', authentication: 'NONE' as const };

describe('provider keys', () => {
  it('reads the key from api_key_env, else <ID>_API_KEY', () => {
    const env = { GROQ_API_KEY: 'g', SCW_SECRET_KEY: 's' };
    expect(keyOf(groq, env)).toBe('g');
    expect(keyOf(scaleway, env)).toBe('s');
  });

  it('reports found, missing and not-needed without carrying the key', () => {
    const env = { GROQ_API_KEY: 'secret-value' };
    expect(keyStatusOf(groq, env)).toEqual({ providerId: 'groq', envVar: 'GROQ_API_KEY', status: 'found' });
    expect(keyStatusOf(scaleway, env)).toEqual({ providerId: 'scaleway', envVar: 'SCW_SECRET_KEY', status: 'missing' });
    expect(keyStatusOf(ollama, env)).toEqual({ providerId: 'ollama', status: 'not-needed' });
    expect(JSON.stringify(keyStatusOf(groq, env))).not.toContain('secret-value');
  });

  it('treats a blank variable as not set', () => {
    expect(keyStatusOf(groq, { GROQ_API_KEY: '  ' }).status).toBe('missing');
  });

  it('collects every key set, once', () => {
    const env = { GROQ_API_KEY: 'k', SCW_SECRET_KEY: 'k', OLLAMA_API_KEY: 'never-sent' };
    expect(secretsOf([groq, scaleway, ollama], env)).toEqual(['k']);
  });

  it('a provider whose every list endpoint is public needs no key to sync, but still uses one that is set', () => {
    const endpoint: ModelsApiEndpoint = {
      url: 'https://openrouter.ai/api/v1/models',
      endpoint_type: 'CHAT_COMPLETIONS',
      format: 'OPENAI',
      public: true,
    };
    const openrouter: Pick<Provider, 'id' | 'authentication' | 'models_api'> = {
      id: 'openrouter',
      authentication: 'API_KEY',
      models_api: { enabled: true, update_frequency: 'daily', endpoints: [endpoint] },
    };
    expect(listingNeedsKey(openrouter)).toBe(false);
    expect(keyStatusOf(openrouter, {})).toEqual({ providerId: 'openrouter', envVar: 'OPENROUTER_API_KEY', status: 'not-needed' });
    expect(keyStatusOf(openrouter, { OPENROUTER_API_KEY: 'k' }).status).toBe('found');
    const mixed = { ...openrouter, models_api: { enabled: true, update_frequency: 'daily' as const, endpoints: [endpoint, { ...endpoint, public: false }] } };
    expect(listingNeedsKey(mixed)).toBe(true);
  });
});

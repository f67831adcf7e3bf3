import type { Provider } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { closeMatches, ProviderSelectionError, selectProviders } from './select-providers.ts';

const provider = (id: string, enabled: boolean | undefined): Provider => ({
  id,
  name: id,
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: `https://${id}.test/v1`, default: true }],
  ...(enabled === undefined
    ? {}
    : {
        models_api: {
          enabled,
          update_frequency: 'daily',
          endpoints: [{ url: `https://${id}.test/v1/models`, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI' }],
        },
      }),
});

const providers = [provider('mistral', true), provider('groq', true), provider('legacy', false), provider('manual', undefined)];

describe('selectProviders', () => {
  it('all: every provider whose models_api is enabled, sorted by id', () => {
    expect(selectProviders(providers, 'all').map((p) => p.id)).toEqual(['groq', 'mistral']);
  });

  it('a named provider is synced even when its models_api is disabled', () => {
    expect(selectProviders(providers, ['legacy', 'groq', 'groq']).map((p) => p.id)).toEqual(['groq', 'legacy']);
  });

  it('an unknown id is an error listing close matches', () => {
    expect(() => selectProviders(providers, ['grok'])).toThrow(
      new ProviderSelectionError('unknown provider "grok" (did you mean groq?)'),
    );
  });

  it('a named provider without a models_api is an error naming it', () => {
    expect(() => selectProviders(providers, ['manual'])).toThrow(/provider "manual" has no models_api/);
  });
});

describe('closeMatches', () => {
  it('finds typos and partial names, nearest first', () => {
    const known = ['anthropic', 'groq', 'openai', 'openrouter', 'together'];
    expect(closeMatches('openrouterr', known)).toEqual(['openrouter']);
    expect(closeMatches('open', known)).toEqual(['openai', 'openrouter']);
    expect(closeMatches('zzzzzz', known)).toEqual([]);
  });
});

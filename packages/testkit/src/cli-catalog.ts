/** A small catalog for the CLI command tests (not exported): hosted and local providers, priced models, auto and manual overrides. */
import type { Catalog, Provider } from '@llm-catalog/catalog';
import { usd } from './builders.ts';

/** An OpenAI-compatible provider whose models endpoint is `<baseUrl>/models`. */
export function openAiProvider(id: string, baseUrl: string, extra: Partial<Provider> = {}): Provider {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    authentication: 'API_KEY',
    formats: [{ format: 'OPENAI', base_url: baseUrl, default: true }],
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [{ url: `${baseUrl}/models`, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' }],
    },
    ...extra,
  };
}

export function cliTestCatalog(): Catalog {
  return {
    providers: [
      openAiProvider('openai', 'https://api.openai.com/v1', { api_key_env: 'OPENAI_API_KEY' }),
      openAiProvider('groq', 'https://api.groq.com/openai/v1'),
      { id: 'perplexity', name: 'Perplexity', authentication: 'API_KEY', formats: [{ format: 'OPENAI', base_url: 'https://api.perplexity.ai', default: true }] },
    ],
    models: [
      {
        id: 'gpt-4o',
        name: 'GPT-4o',
        capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'],
        context_window: 128000,
        pricing: { input: usd(2.5), output: usd(10), cache_read: usd(1.25) },
      },
      { id: 'llama-3.3-70b', context_window: 131072, pricing: { input: usd(0.59), output: usd(0.79) } },
      { id: 'whisper-large-v3', capabilities: ['AUDIO_RECOGNITION'] },
      { id: 'sonar' },
    ],
    overrides: [
      { provider_id: 'openai', model_id: 'gpt-4o', priority: 0 },
      { provider_id: 'groq', model_id: 'llama-3.3-70b', priority: 0, provider_model_id: 'llama-3.3-70b-versatile' },
      {
        provider_id: 'groq',
        model_id: 'llama-3.3-70b',
        priority: 100,
        reason: 'contract price',
        pricing: { input: usd(0.5) },
      },
      { provider_id: 'groq', model_id: 'whisper-large-v3', priority: 0 },
      { provider_id: 'perplexity', model_id: 'sonar', priority: 100, reason: 'listed by hand: no models endpoint' },
    ],
  };
}

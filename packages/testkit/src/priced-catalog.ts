/** A hand-written catalog for the library API's tests: prices chosen so the arithmetic checks by hand. */
import type { Catalog } from '@llm-catalog/catalog';
import { hostedProvider as provider, usd } from './builders.ts';

export function pricedCatalog(): Catalog {
  return {
    providers: [
      provider('openai', 'https://api.openai.com/v1', { api_key_env: 'OPENAI_API_KEY' }),
      provider('openrouter', 'https://openrouter.ai/api/v1'),
      provider('groq', 'https://api.groq.com/openai/v1'),
      provider('cheapo', 'https://cheapo.example/v1'),
      provider('yuan', 'https://yuan.example/v1'),
      provider('local', 'http://localhost:11434', {
        authentication: 'NONE',
        formats: [{ format: 'OLLAMA', base_url: 'http://localhost:11434', default: true }],
      }),
    ],
    models: [
      {
        id: 'gpt-4o',
        name: 'GPT-4o',
        capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'],
        context_window: 128000,
        pricing: { input: usd(2.5), output: usd(10), cache_read: usd(1.25) },
        aliases: ['gpt-4o-2024-08-06'],
        metadata: { source: 'openai', provenance: { context_window: { source: 'openrouter' } } },
      },
      {
        id: 'llama-3.3-70b',
        context_window: 131072,
        pricing: { input: usd(0.59), output: usd(0.79) },
      },
      { id: 'mystery-model' },
      {
        id: 'openrouter-auto',
        metadata: { dynamic_pricing: true },
      },
      { id: 'embed-small', pricing: { input: usd(0.02) } },
      { id: 'gpt-4-turbo', pricing: { input: usd(10), output: usd(30) } },
    ],
    overrides: [
      { provider_id: 'openai', model_id: 'gpt-4o', priority: 0 },
      { provider_id: 'openai', model_id: 'embed-small', priority: 0 },
      {
        provider_id: 'openai',
        model_id: 'gpt-4-turbo',
        priority: 100,
        reason: 'retired from the API',
        disabled: true,
        replace_with: 'gpt-4o',
      },
      {
        provider_id: 'openrouter',
        model_id: 'gpt-4o',
        provider_model_id: 'openai/gpt-4o',
        priority: 0,
        pricing: { input: usd(2.75) },
      },
      { provider_id: 'openrouter', model_id: 'openrouter-auto', provider_model_id: 'openrouter/auto', priority: 0 },
      {
        provider_id: 'cheapo',
        model_id: 'gpt-4o',
        priority: 0,
        pricing: { input: usd(2), output: usd(8) },
      },
      {
        provider_id: 'cheapo',
        model_id: 'gpt-4o',
        priority: 100,
        reason: 'cheapo stopped serving it',
        disabled: true,
      },
      {
        provider_id: 'yuan',
        model_id: 'gpt-4o',
        priority: 0,
        pricing: { input: { per_million_tokens: 1, currency: 'CNY' }, output: { per_million_tokens: 4, currency: 'CNY' } },
      },
      { provider_id: 'groq', model_id: 'llama-3.3-70b', priority: 0, provider_model_id: 'llama-3.3-70b-versatile' },
      { provider_id: 'groq', model_id: 'mystery-model', priority: 0 },
      { provider_id: 'local', model_id: 'mystery-model', priority: 0 },
      { provider_id: 'local', model_id: 'llama-3.3-70b', priority: 0, pricing: { input: usd(0), output: usd(0) } },
    ],
  };
}

/** The same catalog with every list in reverse order: output built from it must not change. */
export function reversedCatalog(catalog: Catalog): Catalog {
  return {
    providers: [...catalog.providers].reverse(),
    models: [...catalog.models].reverse(),
    overrides: [...catalog.overrides].reverse(),
  };
}

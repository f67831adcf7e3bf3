/** Catalogs and environments for the serve tests: providers that point at the mock provider server. */
import type { Catalog, Provider } from '@llm-catalog/catalog';
import { catalog, model, offer, usd } from './report.ts';

/** Keys that must never leave the server: each unique, so a leak is found by a plain search. */
export const CANARY_ENV: NodeJS.ProcessEnv = {
  ALPHA_API_KEY: 'canary-alpha-7f3c0e91d2b4',
  BETA_API_KEY: 'canary-beta-19ad5c6e8f02',
  GAMMA_API_KEY: 'canary-gamma-e4b2a71c90d3',
};
export const CANARY_VALUES = Object.values(CANARY_ENV) as string[];

/** A provider whose models list is `/<id>/v1/models` on the mock server. */
export function mockProvider(id: string, mockUrl: string, extra: Partial<Provider> = {}): Provider {
  return {
    id,
    name: `${id[0]?.toUpperCase()}${id.slice(1)} AI`,
    authentication: 'API_KEY',
    formats: [{ format: 'OPENAI', base_url: `${mockUrl}/${id}/v1`, default: true }],
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [{ url: `${mockUrl}/${id}/v1/models`, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' }],
    },
    ...extra,
  };
}

/**
 * Three providers on the mock server (gamma's key is not set in tests that leave it out) and two
 * models that the providers call by vendor-prefixed ids (which need encoding in a URL), at different prices.
 */
export function serveTestCatalog(mockUrl: string, inputPrice = 2.5): Catalog {
  return catalog({
    providers: [mockProvider('alpha', mockUrl), mockProvider('beta', mockUrl), mockProvider('gamma', mockUrl)],
    models: [
      model('chat-large', {
        name: 'Acme Chat Large',
        owned_by: 'acme',
        capabilities: ['FUNCTION_CALL'],
        input_modalities: ['TEXT', 'IMAGE'],
        output_modalities: ['TEXT'],
        context_window: 128_000,
        pricing: { input: usd(inputPrice), output: usd(10) },
      }),
      model('chat-small', { name: 'Acme Chat Small', owned_by: 'acme', context_window: 32_000, pricing: { input: usd(0.15), output: usd(0.6) } }),
    ],
    overrides: [
      // LiteLLM disagrees with alpha's own list on the output price and the context window.
      offer('alpha', 'chat-large', { priority: 10, provenance: { source: 'litellm', as_of: '2026-07-24' }, pricing: { output: usd(12) }, limits: { context_window: 200_000 } }),
      offer('alpha', 'chat-large', { provider_model_id: 'acme/chat-large', priority: 50, provenance: { source: 'alpha', as_of: '2026-01-01' }, pricing: { output: usd(10) }, limits: { context_window: 128_000 } }),
      offer('alpha', 'chat-small', { provider_model_id: 'acme/chat-small' }),
      offer('beta', 'chat-large', { provider_model_id: 'acme/chat-large', pricing: { input: usd(2), output: usd(8) } }),
    ],
  });
}

/** A models list in the OpenAI shape naming exactly these ids, as a provider that already serves them answers. */
export const openAiList = (ids: readonly string[]) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'acme' })) });

/**
 * The browser tests' catalog: alpha serves nothing yet (its first sync adds models), beta and gamma
 * serve the two Acme models (two sources state gamma's), beta at `betaInput` per million input tokens (committed at two prices,
 * it draws the price-history chart).
 */
export function e2eCatalog(mockUrl: string, betaInput: number): Catalog {
  const base = serveTestCatalog(mockUrl);
  return {
    ...base,
    overrides: [
      offer('beta', 'chat-large', { provider_model_id: 'acme/chat-large', pricing: { input: usd(betaInput), output: usd(8) } }),
      offer('beta', 'chat-small', { provider_model_id: 'acme/chat-small' }),
      // LiteLLM disagrees with gamma's own list (which no test syncs) on the input price and the context window.
      offer('gamma', 'chat-large', { priority: 10, provenance: { source: 'litellm', as_of: '2026-07-24' }, pricing: { input: usd(2.8) }, limits: { context_window: 200_000 } }),
      offer('gamma', 'chat-large', { provider_model_id: 'acme/chat-large', priority: 50, provenance: { source: 'gamma', as_of: '2026-01-01' }, pricing: { input: usd(2.5) }, limits: { context_window: 128_000 } }),
    ],
  };
}

/** The smallest pieces every catalog builder of the kit is made of. */
import type { Provider, TokenPrice } from '@llm-catalog/catalog';

export const usd = (perMillion: number): TokenPrice => ({ per_million_tokens: perMillion, currency: 'USD' });

/** An OpenAI-compatible provider at `baseUrl` taking a key, named after its id unless `extra` says otherwise. */
export const hostedProvider = (id: string, baseUrl: string, extra: Partial<Provider> = {}): Provider => ({
  id,
  name: id.toUpperCase(),
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: baseUrl, default: true }],
  ...extra,
});

import { everyPrice, ProviderSchema } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { parseModelsDev } from './models-dev.ts';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
const known = new Set(['openai', 'together', 'vertex-ai']);

const gpt54 = {
  id: 'gpt-5.4',
  name: 'GPT-5.4',
  family: 'gpt',
  attachment: true,
  reasoning: true,
  tool_call: true,
  structured_output: true,
  temperature: false,
  knowledge: '2025-08-31',
  release_date: '2026-03-05',
  last_updated: '2026-03-05',
  modalities: { input: ['text', 'image', 'pdf'], output: ['text'] },
  open_weights: false,
  cost: {
    input: 2.5,
    output: 15,
    cache_read: 0.25,
    context_over_200k: { input: 5, output: 22.5, cache_read: 0.5 },
    tiers: [{ input: 5, output: 22.5, cache_read: 0.5, tier: { type: 'context', size: 272000 } }],
  },
  experimental: {
    modes: {
      fast: { cost: { input: 5, output: 30, cache_read: 0.5 }, provider: { body: { service_tier: 'priority' } } },
    },
  },
  limit: { context: 1050000, input: 922000, output: 128000 },
};

const body = {
  openai: {
    id: 'openai',
    name: 'OpenAI',
    env: ['OPENAI_API_KEY'],
    npm: '@ai-sdk/openai',
    doc: 'https://platform.openai.com/docs/models',
    models: {
      'gpt-5.4': gpt54,
      'gpt-4-0613': {
        id: 'gpt-4-0613',
        name: 'GPT-4 (0613)',
        attachment: false,
        reasoning: false,
        tool_call: true,
        release_date: '2023-06-13',
        last_updated: '2023-06-01',
        modalities: { input: ['text'], output: ['text'] },
        open_weights: false,
        status: 'deprecated',
        cost: { input: 30, output: 60 },
        limit: { context: 8192, output: 8192 },
      },
    },
  },
  togetherai: {
    id: 'togetherai',
    name: 'Together AI',
    env: ['TOGETHER_API_KEY'],
    npm: '@ai-sdk/togetherai',
    doc: 'https://docs.together.ai/docs/serverless-models',
    models: {
      'meta-llama/Llama-3.3-70B-Instruct-Turbo': {
        id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
        name: 'Llama 3.3 70B',
        attachment: false,
        reasoning: false,
        tool_call: true,
        release_date: '2024-12-06',
        last_updated: '2024-12-06',
        modalities: { input: ['text'], output: ['text'] },
        open_weights: true,
        cost: { input: 0.88, output: 0.88 },
        limit: { context: 131072, output: 66000 },
      },
    },
  },
  wandb: {
    id: 'wandb',
    name: 'Weights & Biases',
    api: 'https://api.inference.wandb.ai/v1',
    env: ['WANDB_API_KEY'],
    npm: '@ai-sdk/openai-compatible',
    doc: 'https://docs.wandb.ai/guides/integrations/inference/',
    models: {},
  },
  'mixlayer': {
    id: 'mixlayer',
    name: 'Mixlayer',
    api: 'https://models.mixlayer.ai/v1',
    env: ['MIXLAYER_API_KEY'],
    npm: '@ai-sdk/openai-compatible',
    doc: 'https://docs.mixlayer.com',
    models: {
      'qwen/qwen3-8b': {
        id: 'qwen/qwen3-8b',
        name: 'Qwen3 8B',
        modalities: { input: ['text'], output: ['text'] },
        cost: { input: 0.013, output: 0.1 },
        limit: { context: 0, output: 0 },
      },
      'broken/priced-per-token': {
        id: 'broken/priced-per-token',
        name: 'Broken',
        modalities: { input: ['text'], output: ['text'] },
        cost: { input: 2500, output: 15 },
        limit: { context: 8192, output: 4096 },
      },
    },
  },
  'mixlayer-eu': {
    id: 'mixlayer-eu',
    name: 'Mixlayer (EU)',
    api: 'https://eu.models.mixlayer.ai/v1',
    env: ['MIXLAYER_API_KEY'],
    npm: '@ai-sdk/openai-compatible',
    doc: 'https://docs.mixlayer.com',
    models: { 'qwen/qwen3-8b': { id: 'qwen/qwen3-8b', name: 'Qwen3 8B', cost: { input: 0.02, output: 0.1 } } },
  },
  'local-box': {
    id: 'local-box',
    name: 'Local Box',
    api: 'http://127.0.0.1:1337/v1',
    env: ['LOCAL_BOX_API_KEY'],
    npm: '@ai-sdk/openai-compatible',
    doc: 'https://example.com',
    models: { m: { id: 'm', name: 'M', modalities: { input: ['text'], output: ['text'] }, limit: { context: 1, output: 1 } } },
  },
  venice: {
    id: 'venice',
    name: 'Venice AI',
    env: ['VENICE_API_KEY'],
    npm: 'venice-ai-sdk-provider',
    doc: 'https://docs.venice.ai',
    models: { m: { id: 'm', name: 'M', modalities: { input: ['text'], output: ['text'] }, limit: { context: 1, output: 1 } } },
  },
};

describe('parseModelsDev', () => {
  const result = parseModelsDev(body, { known_providers: known });

  it('files offerings under catalog provider ids, mapped through the provider table', () => {
    expect(Object.keys(result.offerings)).toEqual(['mixlayer', 'mixlayer-eu', 'openai', 'together']);
    expect(result.offerings.together?.map((m) => [m.id, m.provider_model_id])).toEqual([
      ['llama-3.3-70b-instruct-turbo', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    ]);
  });

  it('carries every fact of an entry: prices as written, long-context and service tiers, limits, dates, capabilities', () => {
    const gpt = result.offerings.openai?.find((m) => m.provider_model_id === 'gpt-5.4');
    expect(gpt).toEqual({
      id: 'gpt-5.4',
      provider_model_id: 'gpt-5.4',
      name: 'GPT-5.4',
      capabilities: ['FILE_INPUT', 'FUNCTION_CALL', 'IMAGE_RECOGNITION', 'REASONING', 'STRUCTURED_OUTPUT'],
      input_modalities: ['FILE', 'IMAGE', 'TEXT'],
      output_modalities: ['TEXT'],
      context_window: 1050000,
      max_input_tokens: 922000,
      max_output_tokens: 128000,
      pricing: {
        input: usd(2.5),
        output: usd(15),
        cache_read: usd(0.25),
        // `tiers` wins over the legacy context_over_200k, which names the wrong threshold for GPT-5.4.
        long_context: [{ above_input_tokens: 272000, input: usd(5), output: usd(22.5), cache_read: usd(0.5) }],
        service_tiers: { priority: { input: usd(5), output: usd(30), cache_read: usd(0.5) } },
      },
      release_date: '2026-03-05',
      last_updated: '2026-03-05',
      knowledge_cutoff: '2025-08-31',
      open_weights: false,
    });
  });

  it('every price equals the value in the body', () => {
    const gpt = result.offerings.openai?.find((m) => m.provider_model_id === 'gpt-5.4');
    expect(everyPrice(gpt?.pricing ?? {}).map((p) => [p.path, p.amount])).toEqual([
      ['input', gpt54.cost.input],
      ['output', gpt54.cost.output],
      ['cache_read', gpt54.cost.cache_read],
      ['long_context[0].input', gpt54.cost.tiers[0]?.input],
      ['long_context[0].output', gpt54.cost.tiers[0]?.output],
      ['long_context[0].cache_read', gpt54.cost.tiers[0]?.cache_read],
      ['service_tiers.priority.input', gpt54.experimental.modes.fast.cost.input],
      ['service_tiers.priority.output', gpt54.experimental.modes.fast.cost.output],
      ['service_tiers.priority.cache_read', gpt54.experimental.modes.fast.cost.cache_read],
    ]);
    const tiny = result.offerings.mixlayer?.[0];
    expect(tiny?.pricing?.input?.per_million_tokens).toBe(0.013);
  });

  it('keeps status, drops a last_updated before the release date with a warning, and reads 0 limits as unknown', () => {
    const old = result.offerings.openai?.find((m) => m.provider_model_id === 'gpt-4-0613');
    expect(old?.status).toBe('deprecated');
    expect(old?.last_updated).toBeUndefined();
    expect(result.warnings).toContainEqual({
      source_provider: 'openai',
      provider_id: 'openai',
      key: 'openai/gpt-4-0613',
      message: 'last_updated 2023-06-01 is before release_date 2023-06-13; last_updated left out',
    });
    const qwen = result.offerings.mixlayer?.[0];
    expect(qwen?.context_window).toBeUndefined();
    expect(qwen?.max_output_tokens).toBeUndefined();
  });

  it('skips an entry with an implausible price, naming it, and keeps the rest of the import', () => {
    expect(result.offerings.mixlayer?.map((m) => m.provider_model_id)).toEqual(['qwen/qwen3-8b']);
    const warning = result.warnings.find((w) => w.key === 'mixlayer/broken/priced-per-token');
    expect(warning?.skipped).toBe(true);
    expect(warning?.message).toMatch(/cost\.input: 2500 is 2500 USD per million tokens, beyond any real price/);
  });

  it('builds a provider entry for an unmapped real API host, with its list endpoint switched off', () => {
    expect(result.providers.map((p) => p.id)).toEqual(['mixlayer', 'mixlayer-eu']);
    const mixlayer = result.providers[0];
    expect(ProviderSchema.safeParse(mixlayer).success).toBe(true);
    expect(mixlayer).toEqual({
      id: 'mixlayer',
      name: 'Mixlayer',
      documentation: 'https://docs.mixlayer.com',
      authentication: 'API_KEY',
      api_key_env: 'MIXLAYER_API_KEY',
      formats: [{ format: 'OPENAI', base_url: 'https://models.mixlayer.ai/v1', default: true }],
      models_api: {
        endpoints: [{ url: 'https://models.mixlayer.ai/v1/models', endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI' }],
        enabled: false,
        update_frequency: 'manual',
      },
    });
  });

  it("gives each new provider its own key variable when models.dev names one for several (regional hosts)", () => {
    expect(result.providers.map((p) => [p.id, p.api_key_env])).toEqual([
      ['mixlayer', 'MIXLAYER_API_KEY'],
      ['mixlayer-eu', 'MIXLAYER_EU_API_KEY'],
    ]);
  });

  it('skips, with a warning each, a local server, a host with no base URL, and a provider with no models', () => {
    const skipped = result.warnings.filter((w) => w.skipped && !w.key.includes('/')).map((w) => [w.key, w.message]);
    expect(skipped).toEqual([
      ['local-box', 'skipped: local-box is not in the catalog and its API URL "http://127.0.0.1:1337/v1" is not a hosted https API; its 1 model left out'],
      ['venice', 'skipped: venice is not in the catalog and models.dev names no API base URL for it; its 1 model left out'],
    ]);
    expect(result.providers.some((p) => p.id === 'wandb')).toBe(false);
  });

  it('writes no description, and is pure: the same body gives the same result', () => {
    const all = Object.values(result.offerings).flat();
    expect(all.some((m) => 'description' in m)).toBe(false);
    expect(parseModelsDev(structuredClone(body), { known_providers: known })).toEqual(result);
  });

  it('rejects a body that is not an object of providers', () => {
    expect(() => parseModelsDev([], { known_providers: known })).toThrow(/object of providers/);
  });
});

import { everyPrice } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { litellmSpelling, parseLiteLlm } from './litellm.ts';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
const known = new Set(['openai', 'gemini', 'together', 'bedrock', 'vertex-ai', 'dashscope', 'deepseek']);

const gpt54 = {
  litellm_provider: 'openai',
  mode: 'chat',
  max_input_tokens: 1050000,
  max_output_tokens: 128000,
  input_cost_per_token: 2.5e-6,
  output_cost_per_token: 1.5e-5,
  cache_read_input_token_cost: 2.5e-7,
  input_cost_per_token_batches: 1.25e-6,
  output_cost_per_token_batches: 7.5e-6,
  input_cost_per_token_flex: 1.25e-6,
  output_cost_per_token_flex: 7.5e-6,
  input_cost_per_token_priority: 5e-6,
  output_cost_per_token_priority: 3e-5,
  input_cost_per_token_above_272k_tokens: 5e-6,
  output_cost_per_token_above_272k_tokens: 2.25e-5,
  cache_read_input_token_cost_above_272k_tokens: 5e-7,
  input_cost_per_token_above_272k_tokens_priority: 1e-5,
  output_cost_per_token_above_272k_tokens_priority: 4.5e-5,
  supports_function_calling: true,
  supports_vision: true,
  supports_pdf_input: true,
  supports_reasoning: true,
  supports_response_schema: true,
  supports_prompt_caching: true,
  supports_web_search: false,
  deprecation_date: '2027-03-05',
};

const body = {
  sample_spec: { litellm_provider: 'one of https://docs.litellm.ai/docs/providers', input_cost_per_token: 0 },
  'gpt-5.4': gpt54,
  'gemini/gemini-2.5-pro': {
    litellm_provider: 'gemini',
    mode: 'chat',
    max_input_tokens: 1048576,
    max_output_tokens: 65535,
    input_cost_per_token: 1.25e-6,
    output_cost_per_token: 0.00001,
    input_cost_per_token_above_200k_tokens: 2.5e-6,
    output_cost_per_token_above_200k_tokens: 0.000015,
    supported_modalities: ['text', 'image', 'audio', 'video'],
    supported_output_modalities: ['text'],
  },
  'dashscope/qwen-flash': {
    litellm_provider: 'dashscope',
    mode: 'chat',
    max_input_tokens: 997952,
    max_output_tokens: 32768,
    tiered_pricing: [
      { input_cost_per_token: 5e-8, output_cost_per_token: 4e-7, range: [0, 256000.0] },
      { input_cost_per_token: 2.5e-7, output_cost_per_token: 2e-6, range: [256000.0, 1000000.0] },
    ],
  },
  'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo': {
    litellm_provider: 'together_ai',
    mode: 'chat',
    max_input_tokens: 131072,
    max_output_tokens: 131072,
    max_tokens: 131072,
    input_cost_per_token: 8.8e-7,
    output_cost_per_token: 8.8e-7,
  },
  'together-ai-21.1b-41b': { litellm_provider: 'together_ai', mode: 'chat', input_cost_per_token: 8e-7 },
  'deepseek-chat': { litellm_provider: 'deepseek', mode: 'chat', input_cost_per_token: 2.8e-7, input_cost_per_token_cache_hit: 2.8e-8 },
  'deepseek/deepseek-chat': { litellm_provider: 'deepseek', mode: 'chat', input_cost_per_token: 2.7e-7 },
  'bedrock/us-east-1/anthropic.claude-3-haiku-20240307-v1:0': { litellm_provider: 'bedrock', mode: 'chat', input_cost_per_token: 2.5e-7 },
  'us.anthropic.claude-3-haiku-20240307-v1:0': { litellm_provider: 'bedrock', mode: 'chat', input_cost_per_token: 2.5e-7 },
  'hd/1024-x-1024/dall-e-3': { litellm_provider: 'openai', mode: 'image_generation', input_cost_per_pixel: 9.2e-8 },
  'wandb/openai/gpt-oss-20b': { litellm_provider: 'wandb', mode: 'chat', input_cost_per_token: 0.005, output_cost_per_token: 0.02 },
  'wandb/zai-org/GLM-4.5': { litellm_provider: 'wandb', mode: 'chat', input_cost_per_token: 5.5e-7 },
  'replicate/meta/llama-2-70b': { litellm_provider: 'replicate', mode: 'chat', input_cost_per_token: 6.5e-7 },
  'chatgpt/gpt-5.4': { litellm_provider: 'chatgpt', mode: 'responses' },
  'tavily/search': { litellm_provider: 'tavily', mode: 'search', input_cost_per_query: 0.008 },
  'openai/container': { litellm_provider: 'openai', mode: 'chat', code_interpreter_cost_per_session: 0.03 },
  'accounts/fireworks/models/tiny-image': {
    litellm_provider: 'vertex_ai-image-models',
    mode: 'image_generation',
    input_cost_per_token: 1.3e-10,
    output_cost_per_image: 0.04,
  },
  last_updated: '2026-07-24T18:23:43.215560+00:00',
};

describe('litellmSpelling', () => {
  it.each([
    ['groq/llama-3.3-70b-versatile', 'groq', 'llama-3.3-70b-versatile'],
    ['together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo', 'together_ai', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'],
    ['vertex_ai/claude-3-5-haiku@20241022', 'vertex_ai-anthropic_models', 'claude-3-5-haiku@20241022'],
    ['azure/gpt-35-turbo-instruct', 'azure_text', 'gpt-35-turbo-instruct'],
    ['amazon-nova/nova-micro-v1', 'amazon_nova', 'nova-micro-v1'],
    ['openrouter/anthropic/claude-3-haiku', 'openrouter', 'anthropic/claude-3-haiku'],
    ['gpt-5.4', 'openai', 'gpt-5.4'],
    ['meta-llama/Llama-3.3-70B-Instruct', 'hyperbolic', 'meta-llama/Llama-3.3-70B-Instruct'],
  ])('%s at %s is %s', (key, provider, spelling) => {
    expect(litellmSpelling(key, provider)).toBe(spelling);
  });
});

describe('parseLiteLlm', () => {
  const result = parseLiteLlm(body, { known_providers: known });
  const offering = (provider: string, id: string) => result.offerings[provider]?.find((m) => m.provider_model_id === id);

  it('carries list, service-tier and long-context prices, a tier within a service tier, limits and capabilities', () => {
    expect(offering('openai', 'gpt-5.4')).toEqual({
      id: 'gpt-5.4',
      provider_model_id: 'gpt-5.4',
      capabilities: ['FILE_INPUT', 'FUNCTION_CALL', 'IMAGE_RECOGNITION', 'REASONING', 'STRUCTURED_OUTPUT'],
      input_modalities: ['FILE', 'IMAGE', 'TEXT'],
      output_modalities: ['TEXT'],
      max_input_tokens: 1050000,
      max_output_tokens: 128000,
      pricing: {
        input: usd(2.5),
        output: usd(15),
        cache_read: usd(0.25),
        long_context: [{ above_input_tokens: 272000, input: usd(5), output: usd(22.5), cache_read: usd(0.5) }],
        service_tiers: {
          batch: { input: usd(1.25), output: usd(7.5) },
          flex: { input: usd(1.25), output: usd(7.5) },
          priority: {
            input: usd(5),
            output: usd(30),
            long_context: [{ above_input_tokens: 272000, input: usd(10), output: usd(45) }],
          },
        },
      },
      // LiteLLM's deprecation_date is the day the model stops answering.
      shutdown_date: '2027-03-05',
    });
  });

  it('every price equals the per-token value x 1e6 exactly (a decimal shift, never a float multiply)', () => {
    // An independent oracle: the float product carries noise only past the 15th significant digit.
    const perMillion = (perToken: number) => Number((perToken * 1e6).toPrecision(15));
    const expected: Record<string, number> = {
      input: perMillion(gpt54.input_cost_per_token),
      output: perMillion(gpt54.output_cost_per_token),
      cache_read: perMillion(gpt54.cache_read_input_token_cost),
      'long_context[0].input': perMillion(gpt54.input_cost_per_token_above_272k_tokens),
      'long_context[0].output': perMillion(gpt54.output_cost_per_token_above_272k_tokens),
      'long_context[0].cache_read': perMillion(gpt54.cache_read_input_token_cost_above_272k_tokens),
      'service_tiers.batch.input': perMillion(gpt54.input_cost_per_token_batches),
      'service_tiers.batch.output': perMillion(gpt54.output_cost_per_token_batches),
      'service_tiers.flex.input': perMillion(gpt54.input_cost_per_token_flex),
      'service_tiers.flex.output': perMillion(gpt54.output_cost_per_token_flex),
      'service_tiers.priority.input': perMillion(gpt54.input_cost_per_token_priority),
      'service_tiers.priority.output': perMillion(gpt54.output_cost_per_token_priority),
      'service_tiers.priority.long_context[0].input': perMillion(gpt54.input_cost_per_token_above_272k_tokens_priority),
      'service_tiers.priority.long_context[0].output': perMillion(gpt54.output_cost_per_token_above_272k_tokens_priority),
    };
    const got = Object.fromEntries(everyPrice(offering('openai', 'gpt-5.4')?.pricing ?? {}).map((p) => [p.path, p.amount]));
    expect(got).toEqual(expected);
    // 2.25e-5 * 1e6 is 22.499999999999996 in binary floating point; the shift gives 22.5.
    expect(got['long_context[0].output']).toBe(22.5);
  });

  it('reads tiered_pricing: the tier from 0 is the list price, later tiers are long-context prices', () => {
    expect(offering('dashscope', 'qwen-flash')?.pricing).toEqual({
      input: usd(0.05),
      output: usd(0.4),
      long_context: [{ above_input_tokens: 256000, input: usd(0.25), output: usd(2) }],
    });
    expect(offering('gemini', 'gemini-2.5-pro')?.pricing?.long_context).toEqual([
      { above_input_tokens: 200000, input: usd(2.5), output: usd(15) },
    ]);
    expect(offering('gemini', 'gemini-2.5-pro')?.input_modalities).toEqual(['AUDIO', 'IMAGE', 'TEXT', 'VIDEO']);
  });

  it('maps LiteLLM provider ids and strips the route prefix from the key', () => {
    expect(Object.keys(result.offerings)).toEqual(['bedrock', 'dashscope', 'deepseek', 'gemini', 'openai', 'together', 'wandb']);
    expect(offering('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo')?.id).toBe('llama-3.3-70b-instruct-turbo');
  });

  it('reads an output limit equal to the input limit as a filled-in default, not a stated limit', () => {
    const llama = offering('together', 'meta-llama/Llama-3.3-70B-Instruct-Turbo');
    expect(llama?.max_input_tokens).toBe(131072);
    expect(llama?.max_output_tokens).toBeUndefined();
    expect(offering('deepseek', 'deepseek-chat')?.pricing?.cache_read).toEqual(usd(0.028));
  });

  it('skips every key that is not one standard offering, with a warning naming it', () => {
    const skipped = Object.fromEntries(result.warnings.filter((w) => w.skipped).map((w) => [w.key, w.message]));
    expect(Object.keys(skipped).sort()).toEqual(
      [
        'bedrock/us-east-1/anthropic.claude-3-haiku-20240307-v1:0',
        'chatgpt/gpt-5.4',
        'deepseek/deepseek-chat',
        'hd/1024-x-1024/dall-e-3',
        'openai/container',
        'last_updated',
        'replicate/meta/llama-2-70b',
        'tavily/search',
        'together-ai-21.1b-41b',
        'wandb/openai/gpt-oss-20b',
        'accounts/fireworks/models/tiny-image',
      ].sort(),
    );
    expect(skipped['deepseek/deepseek-chat']).toBe('skipped: deepseek already has "deepseek-chat" from deepseek-chat');
    expect(skipped['wandb/openai/gpt-oss-20b']).toMatch(/input_cost_per_token: 0.005 is 5000 USD per million tokens, beyond any real price/);
    expect(skipped['accounts/fireworks/models/tiny-image']).toBe(
      'skipped: input_cost_per_token: 1.3e-10 is 0.00013 USD per million tokens, below the smallest price the catalog accepts (0.001)',
    );
    expect(skipped['replicate/meta/llama-2-70b']).toBe('skipped: replicate is not in the catalog, and LiteLLM names no API base URL for it');
    expect(result.warnings.some((w) => w.key === 'sample_spec')).toBe(false);
  });

  it('lists a host both sources name from the shared table, so import order does not change it', () => {
    expect(result.providers.map((p) => p.id)).toEqual(['wandb']);
    const wandb = result.providers.find((p) => p.id === 'wandb');
    expect(wandb?.formats[0]?.base_url).toBe('https://api.inference.wandb.ai/v1');
    expect(wandb?.models_api?.enabled).toBe(false);
  });

  it('is pure: the same body gives the same result', () => {
    expect(parseLiteLlm(structuredClone(body), { known_providers: known })).toEqual(result);
  });
});

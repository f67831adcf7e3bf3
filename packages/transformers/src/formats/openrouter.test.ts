import { describe, expect, it } from 'vitest';
import { UpstreamErrorBody } from '../upstream-error.ts';
import { transformOpenRouter } from './openrouter.ts';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
const unit = (n: number) => ({ price: n, currency: 'USD' });

const claude = {
  id: 'anthropic/claude-sonnet-4.5',
  canonical_slug: 'anthropic/claude-4.5-sonnet-20250929',
  hugging_face_id: '',
  name: 'Anthropic: Claude Sonnet 4.5',
  created: 1759161676,
  description: 'A model.',
  context_length: 1000000,
  architecture: {
    modality: 'text+image->text',
    input_modalities: ['text', 'image', 'file'],
    output_modalities: ['text'],
    tokenizer: 'Claude',
    instruct_type: null,
  },
  pricing: {
    prompt: '0.000003',
    completion: '0.000015',
    request: '0',
    image: '0.0048',
    web_search: '0.01',
    internal_reasoning: '0',
    input_cache_read: '0.0000003',
    input_cache_write: '0.00000375',
  },
  top_provider: { context_length: 1000000, max_completion_tokens: 64000, is_moderated: false },
  per_request_limits: null,
  supported_parameters: ['include_reasoning', 'max_tokens', 'reasoning', 'response_format', 'tools', 'web_search_options'],
  knowledge_cutoff: '2025-01-31',
  expiration_date: '2026-09-29',
};

describe('transformOpenRouter', () => {
  it('normalizes a full entry', () => {
    const { models, warnings } = transformOpenRouter({ data: [claude] });
    expect(warnings).toEqual([]);
    expect(models).toEqual([
      {
        id: 'claude-sonnet-4.5',
        provider_model_id: 'anthropic/claude-sonnet-4.5',
        name: 'Claude Sonnet 4.5',
        owned_by: 'anthropic',
        capabilities: ['FILE_INPUT', 'FUNCTION_CALL', 'IMAGE_RECOGNITION', 'REASONING', 'STRUCTURED_OUTPUT', 'WEB_SEARCH'],
        input_modalities: ['FILE', 'IMAGE', 'TEXT'],
        output_modalities: ['TEXT'],
        context_window: 1000000,
        max_output_tokens: 64000,
        pricing: {
          input: usd(3),
          output: usd(15),
          cache_read: usd(0.3),
          cache_write: usd(3.75),
          reasoning: usd(0),
          per_image: unit(0.0048),
          per_request: unit(0),
          per_web_search: unit(0.01),
        },
        knowledge_cutoff: '2025-01-31',
        shutdown_date: '2026-09-29',
        metadata: { canonical_slug: 'anthropic/claude-4.5-sonnet-20250929', created: '2025-09-29' },
      },
    ]);
  });

  it('rounds per-million prices so float noise never shows', () => {
    const { models } = transformOpenRouter({
      data: [{ id: 'x/y', pricing: { prompt: '0.0000009', completion: '0.00000011', input_cache_read: '0.0000000375' } }],
    });
    expect(models[0]?.pricing).toEqual({ input: usd(0.9), output: usd(0.11), cache_read: usd(0.0375) });
  });

  it('takes "-1" for a dynamic price: no price, and metadata.dynamic_pricing', () => {
    const { models } = transformOpenRouter({
      data: [{ id: 'openrouter/auto', name: 'Auto Router', pricing: { prompt: '-1', completion: '-1' } }],
    });
    expect(models).toEqual([
      { id: 'auto', provider_model_id: 'openrouter/auto', name: 'Auto Router', metadata: { dynamic_pricing: true } },
    ]);
  });

  it('never names openrouter as the owner', () => {
    const { models } = transformOpenRouter({ data: [{ id: 'openrouter/bodybuilder' }] });
    expect(models[0]?.owned_by).toBeUndefined();
  });

  it('gives the real vendor from the id prefix, one spelling per organization', () => {
    const { models } = transformOpenRouter({ data: [{ id: 'meta-llama/llama-3.3-70b-instruct' }, { id: 'x-ai/grok-4' }] });
    expect(models.map((m) => m.owned_by)).toEqual(['meta', 'xai']);
  });

  it('makes variants offerings of one model: one base id, the suffix in variant, the exact id kept', () => {
    const { models } = transformOpenRouter({
      data: [
        { id: 'qwen/qwen3-coder', name: 'Qwen: Qwen3 Coder' },
        { id: 'qwen/qwen3-coder:free', name: 'Qwen: Qwen3 Coder (free)' },
        { id: 'qwen/qwen3-coder:exacto', name: 'Qwen: Qwen3 Coder (exacto)' },
      ],
    });
    expect(models.map((m) => [m.id, m.provider_model_id, m.variant, m.name])).toEqual([
      ['qwen3-coder', 'qwen/qwen3-coder', undefined, 'Qwen3 Coder'],
      ['qwen3-coder', 'qwen/qwen3-coder:free', 'free', 'Qwen3 Coder'],
      ['qwen3-coder', 'qwen/qwen3-coder:exacto', 'exacto', 'Qwen3 Coder'],
    ]);
  });

  it('does not crash on a pricing value that is an object or an array (long-context tiers)', () => {
    const { models, warnings } = transformOpenRouter({
      data: [
        {
          id: 'google/gemini-2.5-pro',
          pricing: { prompt: '0.00000125', completion: '0.00001', overrides: { prompt: '0.0000025' }, image: [] },
        },
      ],
    });
    expect(warnings).toEqual([]);
    expect(models[0]?.pricing).toEqual({ input: usd(1.25), output: usd(10) });
  });

  it('reports nothing the body did not say', () => {
    const { models } = transformOpenRouter({
      data: [
        {
          id: 'vendor/bare',
          name: null,
          hugging_face_id: null,
          description: '',
          context_length: null,
          architecture: { input_modalities: [], output_modalities: [] },
          top_provider: { context_length: null, max_completion_tokens: null },
          supported_parameters: [],
          pricing: {},
        },
      ],
    });
    expect(models).toEqual([{ id: 'bare', provider_model_id: 'vendor/bare', owned_by: 'vendor' }]);
  });

  it('reads modalities from the older "text+image->text" form', () => {
    const { models } = transformOpenRouter({ data: [{ id: 'a/b', architecture: { modality: 'text+image->text' } }] });
    expect(models[0]).toMatchObject({ input_modalities: ['IMAGE', 'TEXT'], output_modalities: ['TEXT'] });
  });

  it('takes the context window from top_provider when the model gives none', () => {
    const { models } = transformOpenRouter({ data: [{ id: 'a/b', top_provider: { context_length: 32768 } }] });
    expect(models[0]?.context_window).toBe(32768);
  });

  it('keeps a knowledge cutoff sent as a month, and warns about one that is no date', () => {
    const { models, warnings } = transformOpenRouter({
      data: [
        { id: 'a/month', knowledge_cutoff: '2024-10' },
        { id: 'a/bad', knowledge_cutoff: 'recent' },
      ],
    });
    expect(models.map((m) => m.knowledge_cutoff)).toEqual(['2024-10', undefined]);
    expect(warnings).toEqual([{ index: 1, id: 'a/bad', message: 'knowledge_cutoff: "recent" is not a date; left out' }]);
  });

  it("strips the ~ of an alias id from the vendor", () => {
    const { models } = transformOpenRouter({ data: [{ id: '~anthropic/claude-sonnet-latest' }] });
    expect(models[0]).toMatchObject({ id: 'claude-sonnet-latest', owned_by: 'anthropic' });
  });

  it('skips malformed entries with a warning and keeps the rest', () => {
    const { models, warnings } = transformOpenRouter({
      data: [null, { name: 'no id' }, { id: 'a/b', context_length: 'long' }, { id: 'a/ok' }],
    });
    expect(models.map((m) => m.provider_model_id)).toEqual(['a/ok']);
    expect(warnings.map((w) => [w.index, w.id, w.skipped])).toEqual([
      [0, undefined, true],
      [1, undefined, true],
      [2, 'a/b', true],
    ]);
  });

  it('throws UpstreamErrorBody for an error sent with HTTP 200', () => {
    expect(() => transformOpenRouter({ error: { code: 401, message: 'No auth credentials found' } })).toThrow(
      UpstreamErrorBody,
    );
  });
});

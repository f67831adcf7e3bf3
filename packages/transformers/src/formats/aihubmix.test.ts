import { describe, expect, it } from 'vitest';
import { UpstreamErrorBody } from '../upstream-error.ts';
import { transformAiHubMix } from './aihubmix.ts';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
const envelope = (...data: unknown[]) => ({ data, message: '', success: true });

describe('transformAiHubMix', () => {
  it('reads comma-separated types, features and modalities, and numeric prices per million tokens', () => {
    const { models, warnings } = transformAiHubMix(
      envelope({
        model_id: 'gpt-5',
        desc: 'GPT-5 is a model.',
        pricing: { cache_read: 0.125, input: 1.25, output: 10 },
        types: 'llm',
        features: 'thinking,tools,function_calling,structured_outputs',
        input_modalities: 'text,image',
        max_output: 128000,
        context_length: 400000,
      }),
    );
    expect(warnings).toEqual([]);
    expect(models).toEqual([
      {
        id: 'gpt-5',
        provider_model_id: 'gpt-5',
        capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION', 'REASONING', 'STRUCTURED_OUTPUT'],
        input_modalities: ['IMAGE', 'TEXT'],
        output_modalities: ['TEXT'],
        context_window: 400000,
        max_output_tokens: 128000,
        pricing: { input: usd(1.25), output: usd(10), cache_read: usd(0.125) },
      },
    ]);
  });

  it('trims spaces in the lists, accepts arrays and numeric strings', () => {
    const { models } = transformAiHubMix(
      envelope({
        model_id: 'gemini-2.5-pro',
        types: ['llm'],
        features: ' thinking , web ,long_context',
        input_modalities: ['text', ' audio', 'video ', 'pdf'],
        max_output: '65536',
        context_length: '1048576',
      }),
    );
    expect(models[0]).toMatchObject({
      capabilities: ['AUDIO_RECOGNITION', 'FILE_INPUT', 'REASONING', 'VIDEO_RECOGNITION', 'WEB_SEARCH'],
      input_modalities: ['AUDIO', 'FILE', 'TEXT', 'VIDEO'],
      context_window: 1048576,
      max_output_tokens: 65536,
    });
  });

  it('takes capabilities and output modalities from non-chat types', () => {
    const { models } = transformAiHubMix(
      envelope(
        { model_id: 'text-embedding-3-large', types: 'embedding' },
        { model_id: 'flux-kontext-pro', types: 'image_generation', input_modalities: 'text,image' },
        { model_id: 'tts-1', types: 'tts' },
        { model_id: 'whisper-1', types: 'stt', input_modalities: 'audio' },
        { model_id: 'jina-reranker-m0', types: 'rerank' },
      ),
    );
    expect(models.map((m) => [m.id, m.capabilities, m.output_modalities])).toEqual([
      ['text-embedding-3-large', ['EMBEDDING'], ['EMBEDDING']],
      ['flux-kontext-pro', ['IMAGE_GENERATION', 'IMAGE_RECOGNITION'], ['IMAGE']],
      ['tts-1', ['AUDIO_GENERATION'], ['AUDIO']],
      ['whisper-1', ['AUDIO_RECOGNITION'], ['TEXT']],
      ['jina-reranker-m0', ['RERANK'], undefined],
    ]);
  });

  it('reports nothing the entry did not say', () => {
    const { models } = transformAiHubMix(envelope({ model_id: 'bare', types: '', features: '', input_modalities: '', pricing: {} }));
    expect(models).toEqual([{ id: 'bare', provider_model_id: 'bare' }]);
  });

  it('keeps a free price and warns about a negative one', () => {
    const { models, warnings } = transformAiHubMix(envelope({ model_id: 'x', pricing: { input: 0, output: -1 } }));
    expect(models[0]?.pricing).toEqual({ input: usd(0) });
    expect(warnings).toEqual([{ index: 0, id: 'x', message: 'pricing.output: -1 is not a price; left out' }]);
  });

  it('gives the vendor from a prefixed id', () => {
    const { models } = transformAiHubMix(envelope({ model_id: 'Qwen/Qwen3-235B-A22B' }));
    expect(models[0]).toEqual({ id: 'qwen3-235b-a22b', provider_model_id: 'Qwen/Qwen3-235B-A22B', owned_by: 'qwen' });
  });

  it('skips a malformed entry and keeps the rest', () => {
    const { models, warnings } = transformAiHubMix(envelope({ desc: 'no id' }, { model_id: 'ok', features: 5 }, { model_id: 'fine' }));
    expect(models.map((m) => m.id)).toEqual(['fine']);
    expect(warnings.map((w) => [w.index, w.id])).toEqual([
      [0, undefined],
      [1, 'ok'],
    ]);
  });

  it('throws UpstreamErrorBody for {success: false}', () => {
    expect(() => transformAiHubMix({ data: null, message: 'invalid token', success: false })).toThrow(UpstreamErrorBody);
    expect(() => transformAiHubMix({ data: null, message: 'invalid token', success: false })).toThrow('invalid token');
  });
});

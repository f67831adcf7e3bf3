import { describe, expect, it } from 'vitest';
import { transformGemini } from './gemini.ts';

describe('transformGemini', () => {
  it('strips models/ from the id, reads limits, and tells chat from embedding by method', () => {
    const { models, warnings, nextPage } = transformGemini({
      models: [
        {
          name: 'models/gemini-2.5-flash',
          version: '001',
          displayName: 'Gemini 2.5 Flash',
          description: 'Stable version of Gemini 2.5 Flash.',
          inputTokenLimit: 1048576,
          outputTokenLimit: 65536,
          supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent'],
          temperature: 1,
          thinking: true,
        },
        {
          name: 'models/gemini-embedding-001',
          displayName: 'Gemini Embedding 001',
          inputTokenLimit: 2048,
          outputTokenLimit: 1,
          supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens', 'asyncBatchEmbedContent'],
        },
      ],
    });
    expect(warnings).toEqual([]);
    expect(nextPage).toBeUndefined();
    expect(models).toEqual([
      {
        id: 'gemini-2.5-flash',
        provider_model_id: 'gemini-2.5-flash',
        name: 'Gemini 2.5 Flash',
        capabilities: ['REASONING'],
        context_window: 1048576,
        max_input_tokens: 1048576,
        max_output_tokens: 65536,
      },
      {
        id: 'gemini-embedding-001',
        provider_model_id: 'gemini-embedding-001',
        name: 'Gemini Embedding 001',
        capabilities: ['EMBEDDING'],
        output_modalities: ['EMBEDDING'],
        context_window: 2048,
        max_input_tokens: 2048,
        max_output_tokens: 1,
      },
    ]);
  });

  it('exposes the page token of the next page', () => {
    const { nextPage } = transformGemini({ models: [{ name: 'models/aqa' }], nextPageToken: 'Ch9tb2RlbHMv' });
    expect(nextPage).toEqual({ query: { pageToken: 'Ch9tb2RlbHMv' } });
  });

  it('states no context window for a model whose output limit exceeds its input limit, keeping both limits', () => {
    const { models, warnings } = transformGemini({
      models: [{ name: 'models/gemini-2.5-flash-preview-tts', inputTokenLimit: 8192, outputTokenLimit: 16384 }],
    });
    expect(warnings).toEqual([]);
    expect(models[0]).toEqual({
      id: 'gemini-2.5-flash-preview-tts',
      provider_model_id: 'gemini-2.5-flash-preview-tts',
      max_input_tokens: 8192,
      max_output_tokens: 16384,
    });
  });

  it('skips an entry without a name', () => {
    const { models, warnings } = transformGemini({ models: [{ displayName: 'Nameless' }, { name: 'models/ok' }] });
    expect(models.map((m) => m.id)).toEqual(['ok']);
    expect(warnings).toEqual([{ index: 0, message: 'skipped: name: missing', skipped: true }]);
  });
});

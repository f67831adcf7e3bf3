import { describe, expect, it } from 'vitest';
import { transformOllama } from './ollama.ts';

describe('transformOllama', () => {
  it('reads /api/tags: the tag is the id, :latest dropped, details kept as metadata', () => {
    const { models, warnings } = transformOllama({
      models: [
        {
          name: 'llama3.2:latest',
          model: 'llama3.2:latest',
          modified_at: '2025-01-01T00:00:00Z',
          size: 2019393189,
          digest: 'a80c4f17acd5',
          details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '3.2B', quantization_level: 'Q4_K_M' },
        },
        { name: 'qwen2.5:7b', model: 'qwen2.5:7b', details: {} },
      ],
    });
    expect(warnings).toEqual([]);
    expect(models).toEqual([
      {
        id: 'llama3.2',
        provider_model_id: 'llama3.2:latest',
        open_weights: true,
        metadata: { family: 'llama', parameter_size: '3.2B', quantization: 'Q4_K_M', format: 'gguf' },
      },
      { id: 'qwen2.5:7b', provider_model_id: 'qwen2.5:7b', open_weights: true },
    ]);
  });

  it('takes name when an older server sends no model field', () => {
    const { models } = transformOllama({ models: [{ name: 'mistral:7b' }] });
    expect(models[0]?.provider_model_id).toBe('mistral:7b');
  });

  it('skips an entry with neither name nor model', () => {
    const { models, warnings } = transformOllama({ models: [{ size: 1 }, { name: 'ok' }] });
    expect(models.map((m) => m.id)).toEqual(['ok']);
    expect(warnings).toEqual([{ index: 0, message: 'skipped: model: missing', skipped: true }]);
  });

  it('takes an empty list for a machine with no models', () => {
    expect(transformOllama({ models: [] })).toEqual({ models: [], warnings: [] });
  });
});

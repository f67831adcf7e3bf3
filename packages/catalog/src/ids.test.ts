import { describe, expect, it } from 'vitest';
import { normalizeModelId } from './ids.ts';

describe('normalizeModelId', () => {
  it('lowercases and keeps a plain id as it is', () => {
    expect(normalizeModelId('GPT-4o')).toEqual({ id: 'gpt-4o' });
  });

  it("drops Gemini's models/ prefix", () => {
    expect(normalizeModelId('models/gemini-2.5-flash')).toEqual({ id: 'gemini-2.5-flash' });
  });

  it("drops Fireworks' accounts/<x>/models/ prefix without taking the account for a vendor", () => {
    expect(normalizeModelId('accounts/fireworks/models/llama-v3p1-8b-instruct')).toEqual({
      id: 'llama-v3p1-8b-instruct',
    });
  });

  it('moves an aggregator vendor prefix into vendor', () => {
    expect(normalizeModelId('anthropic/claude-sonnet-4.5')).toEqual({ id: 'claude-sonnet-4.5', vendor: 'anthropic' });
    expect(normalizeModelId('meta-llama/Llama-3.3-70B-Instruct-Turbo')).toEqual({
      id: 'llama-3.3-70b-instruct-turbo',
      vendor: 'meta-llama',
    });
  });

  it('gives the same base id to every spelling of one model', () => {
    const spellings = ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4.5', 'anthropic/claude-sonnet-4.5:thinking'];
    expect(new Set(spellings.map((s) => normalizeModelId(s).id))).toEqual(new Set(['claude-sonnet-4.5']));
  });

  it('takes the last path segment as the base id and the one before it as the vendor', () => {
    expect(normalizeModelId('eddiehou/meta-llama/Llama-3.1-405B')).toEqual({
      id: 'llama-3.1-405b',
      vendor: 'meta-llama',
    });
  });

  it.each(['free', 'thinking', 'extended', 'nitro', 'floor', 'online', 'beta', 'exacto'])(
    'moves the :%s offering suffix into variant',
    (variant) => {
      expect(normalizeModelId(`openai/gpt-4o:${variant}`)).toEqual({ id: 'gpt-4o', vendor: 'openai', variant });
    },
  );

  it("drops Ollama's :latest tag and keeps size and quantization tags", () => {
    expect(normalizeModelId('gemma3n:latest')).toEqual({ id: 'gemma3n' });
    expect(normalizeModelId('qwen2.5:7b')).toEqual({ id: 'qwen2.5:7b' });
    expect(normalizeModelId('dengcao/Qwen3-Embedding-4B:Q8_0')).toEqual({
      id: 'qwen3-embedding-4b:q8_0',
      vendor: 'dengcao',
    });
  });

  it('keeps fine-tune ids whole', () => {
    expect(normalizeModelId('ft:gpt-3.5-turbo-0125:personal:date-translator:9UhSsUFR')).toEqual({
      id: 'ft:gpt-3.5-turbo-0125:personal:date-translator:9uhssufr',
    });
  });

  it("strips the ~ of OpenRouter's alias ids from the vendor", () => {
    expect(normalizeModelId('~anthropic/claude-sonnet-latest')).toEqual({
      id: 'claude-sonnet-latest',
      vendor: 'anthropic',
    });
  });

  it('turns whitespace inside an id into dashes so the base id stays valid', () => {
    expect(normalizeModelId('  My Local Model  ')).toEqual({ id: 'my-local-model' });
  });

  it('returns an empty id for an id made only of separators, for the caller to reject', () => {
    expect(normalizeModelId('/').id).toBe('');
  });
});

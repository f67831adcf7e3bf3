import { REFERENCE_SOURCES, TransformerNameSchema } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { transformAnthropic } from './formats/anthropic.ts';
import { transformOpenAi } from './formats/openai.ts';
import { transformOpenRouter } from './formats/openrouter.ts';
import { getSource, getTransformer, transformerForEndpoint } from './registry.ts';
import { parseLiteLlm } from './sources/litellm.ts';
import { parseModelsDev } from './sources/models-dev.ts';

const endpoint = { url: 'https://api.example.com/v1/models', endpoint_type: 'CHAT_COMPLETIONS' } as const;

describe('transformer registry', () => {
  it('has a transformer for every name the provider schema accepts', () => {
    for (const name of TransformerNameSchema.options) expect(typeof getTransformer(name)).toBe('function');
  });

  it("takes an endpoint's transformer before its format", () => {
    expect(transformerForEndpoint({ ...endpoint, format: 'OPENAI', transformer: 'openrouter' })).toBe(transformOpenRouter);
  });

  it('falls back to the transformer of the format', () => {
    expect(transformerForEndpoint({ ...endpoint, format: 'OPENAI' })).toBe(transformOpenAi);
    expect(transformerForEndpoint({ ...endpoint, format: 'ANTHROPIC' })).toBe(transformAnthropic);
  });

  it('refuses a CUSTOM endpoint that names no transformer', () => {
    expect(() => transformerForEndpoint({ ...endpoint, format: 'CUSTOM' })).toThrow(/needs a "transformer"/);
  });
});

describe('source entries of the registry', () => {
  it('has a source entry, with its live URL and license, for every reference source', () => {
    for (const name of REFERENCE_SOURCES) {
      const source = getSource(name);
      expect(source).toMatchObject({ kind: 'source', name, license: 'MIT' });
      expect(source.url).toMatch(/^https:\/\//);
    }
    expect(getSource('models.dev').parse).toBe(parseModelsDev);
    expect(getSource('litellm').parse).toBe(parseLiteLlm);
  });
});

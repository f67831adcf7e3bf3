import { namedEnum, REFERENCE_SOURCES, TRANSFORMER_NAMES, TransformerNameSchema } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { transformAnthropic } from './formats/anthropic.ts';
import { transformOpenAi } from './formats/openai.ts';
import { transformOpenRouter } from './formats/openrouter.ts';
import { createRegistry, type TransformerDescriptor } from './descriptor.ts';
import { formatOfTransformer, getSource, getTransformer, REGISTRY, REGISTRY_ENTRIES, transformerForEndpoint, transformerOfFormat } from './registry.ts';
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

describe('one descriptor per transformer', () => {
  it("the provider schema's transformer names are the registry's, in its order (`pnpm schema` writes them)", () => {
    expect([...TRANSFORMER_NAMES]).toEqual(REGISTRY.names);
  });

  it('derives the default transformer of each format and the format of each transformer', () => {
    expect(transformerOfFormat('OPENAI')).toBe('openai');
    expect(transformerOfFormat('OLLAMA')).toBe('ollama');
    expect(transformerOfFormat('CUSTOM')).toBeUndefined();
    expect(formatOfTransformer('openrouter')).toBe('OPENAI');
    expect(formatOfTransformer('gemini')).toBe('GEMINI');
  });

  it('a transformer whose paging is none never names a next page', () => {
    const body = { data: [{ id: 'm' }], models: [{ name: 'models/m' }], has_more: true, last_id: 'm', nextPageToken: 't' };
    for (const name of REGISTRY.names) {
      const { paging, transform } = REGISTRY.transformer(name);
      if (paging === 'none') expect(transform(body).nextPage).toBeUndefined();
    }
  });

  it('a new transformer is one descriptor plus one list entry: lookup, default format, schema names and message follow', () => {
    const fake: TransformerDescriptor<'fake'> = {
      kind: 'transformer',
      name: 'fake',
      format: 'CUSTOM',
      defaultForFormat: true,
      transform: () => ({ models: [{ id: 'fake-1', provider_model_id: 'fake-1' }], warnings: [] }),
      paging: 'none',
      capabilityVocabulary: [],
    };
    const registry = createRegistry([...REGISTRY_ENTRIES, fake]);
    expect(registry.names).toEqual([...TRANSFORMER_NAMES, 'fake']);
    expect(registry.transformer('fake')).toBe(fake);
    expect(registry.defaultFor('CUSTOM')).toBe('fake');
    expect(registry.forEndpoint({ ...endpoint, format: 'CUSTOM' })).toBe(fake.transform);
    expect(registry.sources.map((s) => s.name)).toEqual([...REFERENCE_SOURCES]);
    const [first, ...rest] = registry.names;
    const schema = namedEnum('transformer', [first as string, ...rest]);
    expect(schema.safeParse('fake').success).toBe(true);
    expect(schema.safeParse('nope').error?.issues[0]?.message).toBe(`unknown transformer (${[...TRANSFORMER_NAMES, 'fake'].join(', ')})`);
  });

  it('refuses two transformers of one name, or two defaults for one format', () => {
    const twin = { ...REGISTRY.transformer('openai'), defaultForFormat: undefined };
    expect(() => createRegistry([...REGISTRY_ENTRIES, twin])).toThrow(/two transformers are named "openai"/);
    const second = { ...twin, name: 'openai2' as const, defaultForFormat: true as const };
    expect(() => createRegistry<string>([...REGISTRY_ENTRIES, second])).toThrow(/two transformers are the default for OPENAI/);
  });
});

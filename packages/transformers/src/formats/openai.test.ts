import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UpstreamErrorBody } from '../upstream-error.ts';
import { OpenAiEntrySchema, plainOpenAiEntry, transformOpenAi } from './openai.ts';

const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });
const list = (...data: unknown[]) => ({ object: 'list', data });

describe('transformOpenAi', () => {
  it('reads the bare OpenAI entry and reports nothing it does not say', () => {
    const { models, warnings } = transformOpenAi(
      list({ id: 'gpt-4o', object: 'model', created: 1715367049, owned_by: 'system' }),
    );
    expect(warnings).toEqual([]);
    expect(models).toEqual([{ id: 'gpt-4o', provider_model_id: 'gpt-4o' }]);
  });

  it("takes a maker's name from owned_by, never a fine-tuning account or a placeholder", () => {
    const { models } = transformOpenAi(
      list(
        { id: 'gpt-4', owned_by: 'openai' },
        { id: 'text-embedding-ada-002', owned_by: 'openai-internal' },
        { id: 'ft:gpt-3.5-turbo-0125:personal:demo:9UhSsUFR', owned_by: 'user-ngim8eihoypymo1292ncndft' },
        { id: 'gemma3n:latest', owned_by: 'library' },
        { id: 'Qwen2.5-1.5B-Instruct', owned_by: 'vllm' },
      ),
    );
    expect(models.map((m) => [m.id, m.owned_by])).toEqual([
      ['gpt-4', 'openai'],
      ['text-embedding-ada-002', 'openai'],
      ['ft:gpt-3.5-turbo-0125:personal:demo:9uhssufr', undefined],
      ['gemma3n', undefined],
      ['qwen2.5-1.5b-instruct', undefined],
    ]);
    expect(models[2]?.provider_model_id).toBe('ft:gpt-3.5-turbo-0125:personal:demo:9UhSsUFR');
  });

  it("reads Groq's limits, modalities, features and per-token prices", () => {
    const { models, warnings } = transformOpenAi(
      list(
        {
          id: 'openai/gpt-oss-120b',
          owned_by: 'OpenAI',
          active: true,
          context_window: 131072,
          max_completion_tokens: 65536,
          name: 'GPT OSS 120B',
          input_modalities: ['text'],
          output_modalities: ['text'],
          pricing: { prompt: '0.00000015', completion: '0.0000006', image: '0', request: '0', input_cache_read: '0.000000075' },
          supported_features: ['tools', 'json_mode', 'structured_outputs', 'reasoning'],
        },
        {
          id: 'canopylabs/orpheus-v1-english',
          owned_by: 'Canopy Labs',
          context_window: 4000,
          max_completion_tokens: 50000,
          input_modalities: ['text'],
          output_modalities: ['speech'],
        },
        { id: 'whisper-large-v3', owned_by: 'OpenAI', input_modalities: ['audio'], output_modalities: ['transcription'] },
      ),
    );
    expect(models[0]).toEqual({
      id: 'gpt-oss-120b',
      provider_model_id: 'openai/gpt-oss-120b',
      name: 'GPT OSS 120B',
      owned_by: 'openai',
      capabilities: ['FUNCTION_CALL', 'REASONING', 'STRUCTURED_OUTPUT'],
      input_modalities: ['TEXT'],
      output_modalities: ['TEXT'],
      context_window: 131072,
      max_output_tokens: 65536,
      pricing: {
        input: usd(0.15),
        output: usd(0.6),
        cache_read: usd(0.075),
        per_image: { price: 0, currency: 'USD' },
        per_request: { price: 0, currency: 'USD' },
      },
    });
    expect(models[1]).toMatchObject({
      owned_by: 'canopy-labs',
      output_modalities: ['AUDIO'],
      capabilities: ['AUDIO_GENERATION'],
      context_window: 4000,
    });
    expect(models[1]?.max_output_tokens).toBeUndefined();
    expect(warnings).toEqual([
      {
        index: 1,
        id: 'canopylabs/orpheus-v1-english',
        message: 'max_output_tokens 50000 exceeds context_window 4000; max_output_tokens left out',
      },
    ]);
    expect(models[2]).toMatchObject({
      input_modalities: ['AUDIO'],
      output_modalities: ['TEXT'],
      capabilities: ['AUDIO_RECOGNITION'],
    });
  });

  it("reads Together's bare array, type, context_length and per-million prices", () => {
    const { models } = transformOpenAi([
      {
        id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
        display_name: 'Meta Llama 3.3 70B Instruct Turbo',
        organization: 'Meta',
        type: 'chat',
        context_length: 131072,
        created: 1733466629,
        pricing: { base: 0, finetune: 0, hourly: 0, input: 0.88, output: 0.88 },
        config: { chat_template: '{{ messages }}' },
      },
      {
        id: 'meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo',
        type: 'chat',
        pricing: { input: 0.18000000000000002, output: 0.5900000000000001 },
      },
      { id: 'BAAI/bge-large-en-v1.5', type: 'embedding', organization: 'BAAI', pricing: { input: 0.02, output: 0 } },
    ]);
    expect(models[0]).toEqual({
      id: 'llama-3.3-70b-instruct-turbo',
      provider_model_id: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
      name: 'Meta Llama 3.3 70B Instruct Turbo',
      owned_by: 'meta',
      output_modalities: ['TEXT'],
      context_window: 131072,
      pricing: { input: usd(0.88), output: usd(0.88) },
    });
    expect(models[1]?.pricing).toEqual({ input: usd(0.18), output: usd(0.59) });
    expect(models[2]).toMatchObject({ capabilities: ['EMBEDDING'], output_modalities: ['EMBEDDING'], pricing: { input: usd(0.02) } });
  });

  it("does not take Together's placeholder zeros for a limit, a date or a free price", () => {
    const { models } = transformOpenAi([
      { id: 'cartesia/sonic', organization: 'Together', type: 'audio', context_length: 0, created: 0, pricing: { input: 65, output: 0 } },
      { id: 'black-forest-labs/FLUX.1-pro', type: 'image', pricing: { input: 0, output: 0 } },
      { id: 'lgai/exaone-3-5-32b-instruct', type: 'chat', context_length: 32768, pricing: { input: 0, output: 0 } },
    ]);
    expect(models).toEqual([
      {
        id: 'sonic',
        provider_model_id: 'cartesia/sonic',
        owned_by: 'cartesia',
        capabilities: ['AUDIO_GENERATION'],
        output_modalities: ['AUDIO'],
      },
      {
        id: 'flux.1-pro',
        provider_model_id: 'black-forest-labs/FLUX.1-pro',
        owned_by: 'black-forest-labs',
        capabilities: ['IMAGE_GENERATION'],
        output_modalities: ['IMAGE'],
      },
      {
        id: 'exaone-3-5-32b-instruct',
        provider_model_id: 'lgai/exaone-3-5-32b-instruct',
        owned_by: 'lgai',
        output_modalities: ['TEXT'],
        context_window: 32768,
      },
    ]);
  });

  it("reads Mistral's capability flags, deprecation and replacement", () => {
    const { models } = transformOpenAi(
      list({
        id: 'pixtral-12b-2409',
        owned_by: 'mistralai',
        capabilities: { completion_chat: true, completion_fim: false, function_calling: true, fine_tuning: false, vision: true },
        name: 'pixtral-12b-2409',
        description: 'Official pixtral-12b-2409 Mistral AI model',
        max_context_length: 131072,
        aliases: [],
        deprecation: '2026-03-30T12:00:00Z',
        deprecation_replacement_model: 'pixtral-large-latest',
        default_model_temperature: 0.3,
        type: 'base',
      }),
    );
    expect(models).toEqual([
      {
        id: 'pixtral-12b-2409',
        provider_model_id: 'pixtral-12b-2409',
        owned_by: 'mistral',
        capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'],
        input_modalities: ['IMAGE', 'TEXT'],
        output_modalities: ['TEXT'],
        context_window: 131072,
        deprecation_date: '2026-03-30',
        replaced_by: 'pixtral-large-latest',
      },
    ]);
  });

  it('folds the entries Mistral lists for each alias into one model under its canonical id', () => {
    const flags = { completion_chat: true, function_calling: true };
    const { models } = transformOpenAi(
      list(
        { id: 'mistral-tiny', name: 'open-mistral-7b', aliases: ['open-mistral-7b', 'mistral-tiny-2312'], capabilities: flags },
        { id: 'open-mistral-7b', name: 'open-mistral-7b', aliases: ['mistral-tiny', 'mistral-tiny-2312'], capabilities: flags },
        { id: 'mistral-tiny-2312', name: 'open-mistral-7b', aliases: ['open-mistral-7b', 'mistral-tiny'], capabilities: flags },
      ),
    );
    expect(models.map((m) => [m.id, m.provider_model_id, m.variant, m.aliases])).toEqual([
      ['open-mistral-7b', 'mistral-tiny', 'alias', ['mistral-tiny', 'mistral-tiny-2312']],
      ['open-mistral-7b', 'open-mistral-7b', undefined, ['mistral-tiny', 'mistral-tiny-2312']],
      ['open-mistral-7b', 'mistral-tiny-2312', 'alias', ['mistral-tiny', 'mistral-tiny-2312']],
    ]);
    expect(models.every((m) => m.name === undefined)).toBe(true);
  });

  it('keeps an alias entry as the model when the canonical entry is not listed', () => {
    const { models } = transformOpenAi(list({ id: 'codestral-latest', name: 'codestral-2501', aliases: ['codestral-2501'] }));
    expect(models).toEqual([
      { id: 'codestral-2501', provider_model_id: 'codestral-latest', aliases: ['codestral-latest'] },
    ]);
  });

  it("reads vLLM's max_model_len and LM Studio's max_context_length, type and capabilities", () => {
    const { models } = transformOpenAi(
      list(
        { id: 'Qwen/Qwen2.5-1.5B-Instruct', owned_by: 'vllm', max_model_len: 4096, root: '/models/qwen', parent: null },
        { id: 'qwen3-vl', type: 'vlm', publisher: 'unsloth', max_context_length: 262144, capabilities: ['tool_use'] },
        { id: 'text-embedding-nomic-embed-text-v1.5', type: 'embeddings', max_context_length: 2048 },
      ),
    );
    expect(models).toEqual([
      { id: 'qwen2.5-1.5b-instruct', provider_model_id: 'Qwen/Qwen2.5-1.5B-Instruct', owned_by: 'qwen', context_window: 4096 },
      {
        id: 'qwen3-vl',
        provider_model_id: 'qwen3-vl',
        capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'],
        input_modalities: ['IMAGE', 'TEXT'],
        output_modalities: ['TEXT'],
        context_window: 262144,
      },
      {
        id: 'text-embedding-nomic-embed-text-v1.5',
        provider_model_id: 'text-embedding-nomic-embed-text-v1.5',
        capabilities: ['EMBEDDING'],
        output_modalities: ['EMBEDDING'],
        context_window: 2048,
      },
    ]);
  });

  it('accepts limits sent as numeric strings and skips an entry whose limit is of the wrong kind', () => {
    const { models, warnings } = transformOpenAi(
      list({ id: 'a', context_length: '8192' }, { id: 'b', context_length: { max: 1 } }, { id: 42 }),
    );
    expect(models).toEqual([{ id: 'a', provider_model_id: 'a', context_window: 8192 }]);
    expect(warnings).toEqual([
      { index: 1, id: 'b', message: expect.stringMatching(/^skipped: context_length: /), skipped: true },
      { index: 2, message: 'skipped: id: not a string', skipped: true },
    ]);
  });

  it('reads a feature named like an object built-in ("constructor") as no capability, not as a broken entry', () => {
    const { models, warnings } = transformOpenAi({ data: [{ id: 'm', supported_features: ['constructor', 'tools'] }] });
    expect(warnings).toEqual([]);
    expect(models.map((m) => m.capabilities)).toEqual([['FUNCTION_CALL']]);
  });

  it('reads a modality named like an object built-in as an unknown modality, with a warning', () => {
    const { models, warnings } = transformOpenAi({ data: [{ id: 'm', input_modalities: ['constructor', 'text'] }] });
    expect(models.map((m) => m.input_modalities)).toEqual([['TEXT']]);
    expect(warnings.map((w) => w.message)).toEqual(['input_modalities: unknown modality "constructor" left out']);
  });

  it('throws UpstreamErrorBody for an error sent with HTTP 200', () => {
    expect(() => transformOpenAi({ error: { message: 'Invalid API key', type: 'invalid_request_error' } })).toThrow(
      'Invalid API key',
    );
    expect(() => transformOpenAi('<html>502 Bad Gateway</html>')).toThrow(UpstreamErrorBody);
  });
});

describe('the plain-entry path of the OpenAI format', () => {
  const value = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.string(),
    fc.constantFrom('', '  ', 'text, image', '128000', ' gpt-4o '),
    fc.double(),
    fc.integer(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.double())),
    fc.constant(JSON.parse('{"__proto__": {"x": 1}}') as unknown),
  );
  const keys = [
    'id', 'object', 'created', 'name', 'owned_by', 'type', 'context_length', 'max_completion_tokens',
    'input_modalities', 'output_modalities', 'supported_features', 'capabilities', 'aliases', 'pricing', 'active',
  ];
  const entry = fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }).map((e) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (v !== undefined) out[k] = v;
    return out;
  });

  it('gives what the schema gives, whenever it takes an entry at all', () => {
    fc.assert(
      fc.property(entry, (e) => {
        const plain = plainOpenAiEntry(e);
        if (plain !== undefined) expect(plain).toEqual(OpenAiEntrySchema.parse(e));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes the common well-formed entry, and leaves null, numeric strings and comma lists to the schema', () => {
    const common = { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'openai', context_window: 128000, input_modalities: ['text'], pricing: { prompt: '0.000001' } };
    expect(plainOpenAiEntry(common)).toEqual(OpenAiEntrySchema.parse(common));
    expect(plainOpenAiEntry({ ...common, owned_by: null })).toBeUndefined();
    expect(plainOpenAiEntry({ ...common, context_window: '128000' })).toBeUndefined();
    expect(plainOpenAiEntry({ ...common, input_modalities: 'text, image' })).toBeUndefined();
    expect(plainOpenAiEntry({ ...common, id: ' ' })).toBeUndefined();
  });
});

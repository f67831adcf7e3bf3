/**
 * Properties every transformer keeps whatever a provider sends: it either returns models or throws
 * the one typed error (`UpstreamErrorBody`), and it never writes a placeholder for what the body did
 * not say (0 outside prices, "", [], "unknown").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRecord } from './envelope.ts';
import { NormalizedModelSchema } from './normalized-model.ts';
import { REGISTRY } from './registry.ts';
import type { TransformResult } from './result.ts';
import { UpstreamErrorBody } from './upstream-error.ts';

const RUNS = 500;

/** Values of every kind, including those a field should never hold. */
const hostile = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -5, max: 5 }),
  fc.double(),
  fc.constantFrom('', ' ', '0', '-1', 'null', 'NaN', 'unknown', 'n/a'),
  fc.string({ maxLength: 8 }),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);
/** Mostly a value of the kind the field holds in real bodies, sometimes anything at all. */
const mostly = <T>(plausible: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: plausible }, { weight: 1, arbitrary: hostile });

const modelId = fc.oneof(
  fc.constantFrom('gpt-4o', 'models/gemini-1.5-pro', 'meta-llama/llama-3-8b:free', 'Qwen/Qwen2.5-72B', 'llama3:8b', 'claude-3-5-haiku-20241022'),
  fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._:/-]{0,24}$/),
);
const text = fc.oneof(fc.constantFrom('GPT-4o', 'Llama 3 8B', 'Meta', 'openai', 'system', 'library'), fc.string({ minLength: 1, maxLength: 16 }));
const limit = fc.oneof(fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 1, max: 2_000_000 }).map(String), fc.constantFrom(0, -1, '0'));
const perToken = fc.oneof(fc.constantFrom('0', '-1', '0.0000025', '0.00003', '1e-7', '0.0000000000001'), fc.double({ min: 0, max: 0.001, noNaN: true }).map(String));
const modalityList = fc.oneof(
  fc.array(fc.constantFrom('text', 'image', 'audio', 'file', 'video', 'TEXT', 'embeddings'), { maxLength: 4 }),
  fc.constantFrom('text,image', 'text', ''),
);
const optional = <T>(arbitraries: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(arbitraries, { requiredKeys: [] });

/** An entry in any of the shapes the formats read, every field optional. */
const entry = optional({
  id: mostly(modelId),
  model_id: mostly(modelId),
  name: mostly(fc.oneof(modelId, text)),
  model: mostly(modelId),
  display_name: mostly(text),
  owned_by: mostly(text),
  created: mostly(fc.integer({ min: 1_600_000_000, max: 1_800_000_000 })),
  created_at: mostly(fc.constantFrom('2024-10-22T00:00:00Z', '2025-02-19T00:00:00Z')),
  context_length: mostly(limit),
  context_window: mostly(limit),
  max_completion_tokens: mostly(limit),
  max_output: mostly(limit),
  inputTokenLimit: mostly(limit),
  outputTokenLimit: mostly(limit),
  supportedGenerationMethods: mostly(fc.array(fc.constantFrom('generateContent', 'embedContent', 'countTokens'), { maxLength: 3 })),
  pricing: mostly(
    fc.oneof(
      optional({ prompt: mostly(perToken), completion: mostly(perToken), image: mostly(perToken), request: mostly(perToken) }),
      optional({ input: mostly(fc.double({ min: 0, max: 100, noNaN: true })), output: mostly(fc.double({ min: 0, max: 100, noNaN: true })) }),
    ),
  ),
  architecture: mostly(optional({ modality: mostly(fc.constantFrom('text->text', 'text+image->text')), input_modalities: mostly(modalityList), output_modalities: mostly(modalityList) })),
  input_modalities: mostly(modalityList),
  output_modalities: mostly(modalityList),
  top_provider: mostly(optional({ context_length: mostly(limit), max_completion_tokens: mostly(limit) })),
  supported_parameters: mostly(fc.array(fc.constantFrom('tools', 'reasoning', 'response_format', 'structured_outputs'), { maxLength: 3 })),
  details: mostly(optional({ family: mostly(text), parameter_size: mostly(fc.constantFrom('8B', '70.6B', '')), quantization_level: mostly(text) })),
  types: mostly(fc.constantFrom('llm', 'embedding', 'image_generation', 'llm,tts')),
  features: mostly(fc.constantFrom('thinking,tools', 'function_calling', '')),
});
const entries = fc.array(fc.oneof({ weight: 8, arbitrary: entry }, { weight: 1, arbitrary: hostile }), { maxLength: 6 });
const listBody = fc.oneof(
  fc.record({ object: fc.constant('list'), data: entries }),
  optional({ models: entries, nextPageToken: mostly(fc.string({ maxLength: 4 })) }),
  fc.record({ data: entries, has_more: fc.boolean(), last_id: mostly(modelId) }),
  fc.record({ success: fc.constant(true), data: entries }),
  entries,
);
const body = fc.oneof({ weight: 4, arbitrary: listBody }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) });

const PLACEHOLDER_TEXT = new Set(['', 'unknown', 'n/a', 'none', 'null', 'undefined']);

/** Every place in a model where a value is a placeholder rather than something the body said. */
function placeholders(value: unknown, path: string): string[] {
  const isPrice = /^pricing\.[a-z_]+\.(per_million_tokens|price)$/.test(path);
  if (value === 0 && !isPrice) return [path];
  if (typeof value === 'string' && PLACEHOLDER_TEXT.has(value.trim().toLowerCase())) return [path];
  if (Array.isArray(value)) return value.length === 0 ? [path] : value.flatMap((v, i) => placeholders(v, `${path}[${i}]`));
  if (isRecord(value)) {
    if (Object.keys(value).length === 0) return [path];
    return Object.entries(value).flatMap(([k, v]) => placeholders(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** The body's own text values: a transformer may keep what the source said, even "unknown". */
function textsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') out.add(value.trim().toLowerCase());
  else if (Array.isArray(value)) for (const v of value) textsIn(v, out);
  else if (isRecord(value)) for (const v of Object.values(value)) textsIn(v, out);
  return out;
}

describe.each(REGISTRY.names.map((name) => [name, REGISTRY.transformer(name).transform] as const))('the %s transformer on arbitrary bodies', (_name, transform) => {
  it('returns models or throws UpstreamErrorBody, and nothing else', () => {
    fc.assert(
      fc.property(body, (b) => {
        try {
          transform(b);
        } catch (err) {
          expect(err).toBeInstanceOf(UpstreamErrorBody);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives only valid models, with no placeholder for what the body did not say', () => {
    fc.assert(
      fc.property(listBody, (b) => {
        let result: TransformResult;
        try {
          result = transform(b);
        } catch (err) {
          expect(err).toBeInstanceOf(UpstreamErrorBody);
          return;
        }
        const said = textsIn(b);
        for (const model of result.models) {
          const checked = NormalizedModelSchema.safeParse(model);
          expect(checked.success, JSON.stringify(model)).toBe(true);
          // Whether a model took the hand-checked path or the schema's, it reads the same, key order included.
          const { id, provider_model_id: spelling, variant, ...facts } = checked.data ?? model;
          expect(JSON.stringify(model)).toBe(JSON.stringify({ id, provider_model_id: spelling, ...(variant === undefined ? {} : { variant }), ...facts }));
          const invented = placeholders(model, '').filter((path) => {
            const value = path.split(/\.|\[/).reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k.replace(']', '')], model);
            return !(typeof value === 'string' && value.trim() !== '' && said.has(value.trim().toLowerCase()));
          });
          expect(invented, JSON.stringify(model)).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

/**
 * Runs every transformer over the real list-models bodies kept beside the checkout in
 * `../shared/fixtures/responses` (present in CI). The bodies are reference material and are never
 * copied into the repository, so the suite skips when the folder is absent; every read happens in
 * beforeAll, which a skipped suite never runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { everyPrice, roundPrice, type TransformerName } from '@llm-catalog/catalog';
import { beforeAll, describe, expect, it } from 'vitest';
import { entriesOf, isRecord } from './envelope.ts';
import type { NormalizedModel } from './normalized-model.ts';
import type { TransformResult } from './result.ts';
import { getTransformer } from './registry.ts';

const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/fixtures/responses/', import.meta.url));
const files = existsSync(CORPUS_DIR)
  ? readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

/**
 * Which transformer reads a body, from its file name: a name starting with a format's name is that
 * format, except Ollama's OpenAI-compatible `/v1/models`; every other provider is OpenAI-compatible.
 */
function transformerFor(file: string): TransformerName {
  const name = basename(file, '.json');
  if (name === 'ollama-v1') return 'openai';
  const formats: TransformerName[] = ['openrouter', 'aihubmix', 'anthropic', 'gemini', 'ollama'];
  return formats.find((f) => name.startsWith(f)) ?? 'openai';
}

/** Every place in a model where a value is 0, "" or []. */
function emptyValues(value: unknown, path: string): string[] {
  if (value === '' || (Array.isArray(value) && value.length === 0) || value === 0) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => emptyValues(v, `${path}[${i}]`));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => emptyValues(v, `${path}.${k}`));
  return [];
}

/** Every price in a model as [path, amount]. */
function prices(model: NormalizedModel): [string, number][] {
  return model.pricing ? everyPrice(model.pricing).map((p) => [p.path, p.amount]) : [];
}

/** OpenRouter's (and Groq's) per-token price keys and where the transformer puts each. */
const PER_TOKEN_KEYS: Record<string, string> = {
  prompt: 'input',
  completion: 'output',
  input_cache_read: 'cache_read',
  input_cache_write: 'cache_write',
  internal_reasoning: 'reasoning',
  audio: 'input_audio',
};
const PER_UNIT_KEYS: Record<string, string> = { image: 'per_image', request: 'per_request', web_search: 'per_web_search' };

describe.skipIf(files.length === 0)('corpus of real list-models bodies', () => {
  describe.each(files)('%s', (file) => {
    const name = transformerFor(file);
    let entries: unknown[] = [];
    let rawById = new Map<string, Record<string, unknown>>();
    let result: TransformResult = { models: [], warnings: [] };
    beforeAll(() => {
      const body: unknown = JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8'));
      entries = entriesOf(body);
      rawById = new Map(entries.filter(isRecord).map((e) => [String(e.id ?? e.model_id ?? e.name), e]));
      result = getTransformer(name)(body);
    });

    it('normalizes, with one model per entry that was not reported skipped', () => {
      const skipped = result.warnings.filter((w) => w.skipped).length;
      expect(result.models.length).toBe(entries.length - skipped);
      expect(result.models.length).toBeGreaterThan(0);
    });

    it('writes no 0, "" or [] the source did not say (zero is only a price the body gave as zero)', () => {
      for (const model of result.models) {
        const zeros = emptyValues(model, model.provider_model_id);
        const notPrices = zeros.filter((p) => !/\.pricing\.[a-z_]+\.(per_million_tokens|price)$/.test(p));
        expect(notPrices, `${file}: ${model.provider_model_id}`).toEqual([]);
      }
    });

    it('gives every price as a finite, non-negative number', () => {
      for (const model of result.models) {
        for (const [key, amount] of prices(model)) {
          expect(Number.isFinite(amount) && amount >= 0, `${model.provider_model_id} ${key} = ${amount}`).toBe(true);
        }
      }
    });

    it('gives per-token prices as the body value x 1e6 after rounding, per-unit prices as the body value', () => {
      for (const model of result.models) {
        const raw = rawById.get(model.provider_model_id);
        const pricing = isRecord(raw) && isRecord(raw.pricing) ? raw.pricing : undefined;
        if (!pricing || !('prompt' in pricing || 'completion' in pricing)) continue;
        for (const [key, target] of Object.entries({ ...PER_TOKEN_KEYS, ...PER_UNIT_KEYS })) {
          const value = pricing[key];
          if (typeof value !== 'string' || value === '-1') continue;
          const expected = roundPrice(Number(value) * (key in PER_TOKEN_KEYS ? 1e6 : 1));
          const got = prices(model).find(([k]) => k === target)?.[1];
          expect(got, `${model.provider_model_id} pricing.${key} = "${value}"`).toBe(expected);
        }
      }
    });

    it('keeps the exact provider id of every entry (Gemini: the model code after models/)', () => {
      for (const model of result.models) {
        const id = model.provider_model_id;
        expect(rawById.has(id) || (name === 'gemini' && rawById.has(`models/${id}`)), id).toBe(true);
      }
    });
  });
});

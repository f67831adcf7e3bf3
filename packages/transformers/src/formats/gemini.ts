import { type Capability, normalizeModelId } from '@llm-catalog/catalog';
import { z } from 'zod';
import { isRecord } from '../envelope.ts';
import { capabilityList, text, tokenLimit } from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { rawFlag, rawId, rawList, rawNumber, rawText, stringField } from '../raw.ts';
import { entriesTransformer } from '../descriptor.ts';

/**
 * Google `GET v1beta/models`: `{models, nextPageToken}`, paged by `pageToken`. Names are resource
 * names (`models/gemini-2.5-flash`).
 */
const GeminiEntrySchema = z.looseObject({
  name: rawId,
  displayName: rawText,
  inputTokenLimit: rawNumber,
  outputTokenLimit: rawNumber,
  supportedGenerationMethods: rawList,
  thinking: rawFlag,
});
type GeminiEntry = z.infer<typeof GeminiEntrySchema>;

/** Methods only an embedding model has: they tell an embedding model from a chat model. */
const EMBEDDING_METHODS = new Set(['embedContent', 'batchEmbedContents', 'asyncBatchEmbedContent', 'embedText']);

function toModel(entry: GeminiEntry): NormalizedModel {
  const embeds = entry.supportedGenerationMethods.some((m) => EMBEDDING_METHODS.has(m));
  const capabilities: Capability[] = [];
  if (embeds) capabilities.push('EMBEDDING');
  if (entry.thinking === true) capabilities.push('REASONING');
  const inputLimit = tokenLimit(entry.inputTokenLimit);
  const outputLimit = tokenLimit(entry.outputTokenLimit);
  // The model code is what follows `models/`: the native API puts it in `models/{code}:generateContent`
  // and the OpenAI-compatible endpoint takes it as `model`.
  const providerModelId = entry.name.replace(/^models\//, '');
  return {
    id: normalizeModelId(entry.name).id,
    provider_model_id: providerModelId,
    name: text(entry.displayName),
    capabilities: capabilityList(capabilities),
    output_modalities: embeds ? ['EMBEDDING'] : undefined,
    // Google states a Gemini model's context window as its input token limit, except for models
    // whose output limit exceeds it (speech, image and video generators): their input and output
    // are separate budgets, and no window is stated.
    context_window: outputLimit !== undefined && inputLimit !== undefined && outputLimit > inputLimit ? undefined : inputLimit,
    max_input_tokens: inputLimit,
    max_output_tokens: outputLimit,
  };
}

export const geminiTransformer = entriesTransformer(
  {
    name: 'gemini',
    format: 'GEMINI',
    defaultForFormat: true,
    // Every entry lists its generation methods; `thinking` is missing from older responses.
    capabilityVocabulary: ['EMBEDDING'],
  },
  { schema: GeminiEntrySchema, idOf: (entry) => stringField(entry, 'name'), toModel },
  (body) => {
    const token = isRecord(body) ? stringField(body, 'nextPageToken') : undefined;
    return token === undefined ? undefined : { pageToken: token };
  },
);

export const transformGemini = geminiTransformer.transform;

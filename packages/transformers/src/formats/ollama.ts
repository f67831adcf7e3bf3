import { normalizeModelId } from '@llm-catalog/catalog';
import { z } from 'zod';
import { definedFields, text } from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { rawNumber, rawText, stringField } from '../raw.ts';
import { entriesTransformer } from '../descriptor.ts';

/**
 * Ollama `GET /api/tags`: `{models: [{name, model, size, digest, details: {family, parameter_size,
 * quantization_level}}]}`. The OpenAI-compatible `/v1/models` of Ollama goes through the openai
 * transformer instead.
 */
const OllamaEntrySchema = z
  .looseObject({
    name: rawText,
    model: rawText,
    size: rawNumber,
    digest: rawText,
    details: z
      .looseObject({
        format: rawText,
        family: rawText,
        parameter_size: rawText,
        quantization_level: rawText,
      })
      .nullish(),
  })
  .refine((e) => Boolean(text(e.model) ?? text(e.name)), { message: 'missing', path: ['model'] });
type OllamaEntry = z.infer<typeof OllamaEntrySchema>;

function toModel(entry: OllamaEntry): NormalizedModel {
  // `model` is what the chat API takes; older servers send only `name`, which is the same tag.
  const providerModelId = [entry.model, entry.name].find((v): v is string => text(v) !== undefined) ?? '';
  const { id } = normalizeModelId(providerModelId);
  return {
    id,
    provider_model_id: providerModelId,
    // A tag Ollama lists is a weights file on the machine (`size`, `digest`), so its weights are open.
    open_weights: true,
    metadata: definedFields({
      family: text(entry.details?.family),
      parameter_size: text(entry.details?.parameter_size),
      quantization: text(entry.details?.quantization_level),
      format: text(entry.details?.format),
    }),
  };
}

export const ollamaTransformer = entriesTransformer(
  { name: 'ollama', format: 'OLLAMA', defaultForFormat: true, capabilityVocabulary: [] },
  { schema: OllamaEntrySchema, idOf: (entry) => stringField(entry, 'model', 'name'), toModel },
);

export const transformOllama = ollamaTransformer.transform;

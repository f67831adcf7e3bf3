import { type Capability, type Modality, normalizeModelId } from '@llm-catalog/catalog';
import { z } from 'zod';
import { capabilitiesFromModalities, capabilityList, mergeModalities, modalitiesOf, tokenLimit } from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { type PricingDraft, pricingOrUndefined, tokenPrice } from '../pricing.ts';
import { rawId, rawList, rawNumber, stringField } from '../raw.ts';
import { vendorSlug } from '../vendor.ts';
import { entriesTransformer } from '../descriptor.ts';

/**
 * AIHubMix `GET /api/v1/models`: `{data, message, success}`. `types`, `features` and
 * `input_modalities` are comma-separated strings (arrays accepted too), limits may be strings.
 */
const AiHubMixEntrySchema = z.looseObject({
  model_id: rawId,
  types: rawList,
  features: rawList,
  input_modalities: rawList,
  max_output: rawNumber,
  context_length: rawNumber,
  pricing: z
    .looseObject({ input: rawNumber, output: rawNumber, cache_read: rawNumber, cache_write: rawNumber })
    .nullish(),
});
type AiHubMixEntry = z.infer<typeof AiHubMixEntrySchema>;

/** What each model type says about the model (the documented values). */
const TYPE_FACTS: Record<string, { output?: Modality; capability?: Capability }> = {
  llm: { output: 'TEXT' },
  image_generation: { output: 'IMAGE', capability: 'IMAGE_GENERATION' },
  video: { output: 'VIDEO', capability: 'VIDEO_GENERATION' },
  tts: { output: 'AUDIO', capability: 'AUDIO_GENERATION' },
  stt: { output: 'TEXT', capability: 'AUDIO_RECOGNITION' },
  embedding: { output: 'EMBEDDING', capability: 'EMBEDDING' },
  rerank: { capability: 'RERANK' },
};

const FEATURE_CAPABILITIES: Record<string, Capability> = {
  thinking: 'REASONING',
  tools: 'FUNCTION_CALL',
  function_calling: 'FUNCTION_CALL',
  structured_outputs: 'STRUCTURED_OUTPUT',
  web: 'WEB_SEARCH',
  deepsearch: 'WEB_SEARCH',
};

/**
 * AIHubMix's documentation says these prices are USD per 1K tokens, but its own example lists
 * gpt-5 at input 1.25 / output 10 / cache_read 0.125, which is OpenAI's price per 1M tokens (per 1K
 * it would be a thousand times OpenAI's). The numbers are therefore read as USD per 1M tokens.
 */
function pricingOf(raw: AiHubMixEntry['pricing'], warn: (message: string) => void) {
  const draft: PricingDraft = {};
  for (const key of ['input', 'output', 'cache_read', 'cache_write'] as const) {
    const value = raw?.[key];
    if (value === null || value === undefined) continue;
    if (value < 0) warn(`pricing.${key}: ${value} is not a price; left out`);
    else draft[key] = tokenPrice(value);
  }
  return pricingOrUndefined(draft);
}

function toModel(entry: AiHubMixEntry, warn: (message: string) => void): NormalizedModel {
  const { id, vendor, variant } = normalizeModelId(entry.model_id);
  const types = entry.types.map((t) => t.toLowerCase());
  const input = modalitiesOf(entry.input_modalities, 'input_modalities', warn);
  const typeOutputs = types.flatMap((t) => TYPE_FACTS[t]?.output ?? []);
  const output = mergeModalities(typeOutputs);
  const capabilities: Capability[] = [
    ...capabilitiesFromModalities(input, output),
    ...types.flatMap((t) => TYPE_FACTS[t]?.capability ?? []),
    ...entry.features.flatMap((f) => FEATURE_CAPABILITIES[f.toLowerCase()] ?? []),
  ];
  return {
    id,
    provider_model_id: entry.model_id,
    variant,
    owned_by: vendorSlug(vendor),
    capabilities: capabilityList(capabilities),
    input_modalities: input,
    output_modalities: output,
    context_window: tokenLimit(entry.context_length),
    max_output_tokens: tokenLimit(entry.max_output),
    pricing: pricingOf(entry.pricing, warn),
  };
}

export const aiHubMixTransformer = entriesTransformer(
  { name: 'aihubmix', format: 'OPENAI', capabilityVocabulary: [] },
  { schema: AiHubMixEntrySchema, idOf: (entry) => stringField(entry, 'model_id', 'id'), toModel },
);

export const transformAiHubMix = aiHubMixTransformer.transform;

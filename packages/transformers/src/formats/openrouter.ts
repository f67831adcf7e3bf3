import { type Capability, normalizeModelId } from '@llm-catalog/catalog';
import { z } from 'zod';
import {
  capabilitiesFromModalities,
  capabilityList,
  dateFromAny,
  dateFromUnixSeconds,
  definedFields,
  firstTokenLimit,
  MODALITY_CAPABILITIES,
  modalitiesOf,
  text,
  tokenLimit,
} from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { perTokenPricing } from '../pricing.ts';
import { rawId, rawList, rawNumber, rawText, stringField } from '../raw.ts';
import { vendorSlug } from '../vendor.ts';
import { entriesTransformer } from '../descriptor.ts';

/** OpenRouter `GET /api/v1/models`: `{data: [...]}`, prices as decimal strings in USD per token. */
const OpenRouterEntrySchema = z.looseObject({
  id: rawId,
  name: rawText,
  canonical_slug: rawText,
  hugging_face_id: rawText,
  created: rawNumber,
  context_length: rawNumber,
  architecture: z
    .looseObject({ modality: rawText, input_modalities: rawList, output_modalities: rawList })
    .nullish(),
  pricing: z.record(z.string(), z.unknown()).nullish(),
  top_provider: z.looseObject({ context_length: rawNumber, max_completion_tokens: rawNumber }).nullish(),
  supported_parameters: rawList,
  knowledge_cutoff: z.union([z.string(), z.number()]).nullish(),
  expiration_date: z.union([z.string(), z.number()]).nullish(),
});
type OpenRouterEntry = z.infer<typeof OpenRouterEntrySchema>;

/** Request parameters that show a capability: a model accepting `tools` can call functions. */
const PARAMETER_CAPABILITIES: Record<string, Capability> = {
  tools: 'FUNCTION_CALL',
  tool_choice: 'FUNCTION_CALL',
  reasoning: 'REASONING',
  include_reasoning: 'REASONING',
  structured_outputs: 'STRUCTURED_OUTPUT',
  response_format: 'STRUCTURED_OUTPUT',
  web_search_options: 'WEB_SEARCH',
};

/** Older bodies have only `modality: "text+image->text"`. */
function modalityWords(entry: OpenRouterEntry): { input: string[]; output: string[] } {
  const arch = entry.architecture;
  const [inputPart, outputPart] = (arch?.modality ?? '').split('->');
  const fromArrow = (part: string | undefined) => (part ? part.split('+').filter((w) => w.trim() !== '') : []);
  return {
    input: arch?.input_modalities.length ? arch.input_modalities : fromArrow(inputPart),
    output: arch?.output_modalities.length ? arch.output_modalities : fromArrow(outputPart),
  };
}

/**
 * OpenRouter names a model "Vendor: Model (variant)"; the vendor is `owned_by` and the variant an
 * offering, so the model's own name is what is left.
 */
function modelName(name: string | undefined, variant: string | undefined): string | undefined {
  let n = name?.replace(/^[^:()]{1,40}:\s+/, '');
  if (n && variant) n = n.replace(new RegExp(`\\s*\\(${variant}\\)$`, 'i'), '');
  return text(n);
}

function toModel(entry: OpenRouterEntry, warn: (message: string) => void): NormalizedModel {
  const { id, vendor, variant } = normalizeModelId(entry.id);
  const words = modalityWords(entry);
  const input = modalitiesOf(words.input, 'architecture.input_modalities', warn);
  const output = modalitiesOf(words.output, 'architecture.output_modalities', warn);
  const capabilities: Capability[] = capabilitiesFromModalities(input, output);
  for (const param of entry.supported_parameters) {
    const cap = PARAMETER_CAPABILITIES[param];
    if (cap) capabilities.push(cap);
  }
  const { pricing, dynamic } = perTokenPricing(entry.pricing ?? {}, warn);

  const dateField = (field: 'knowledge_cutoff' | 'expiration_date') => {
    const raw = entry[field];
    if (raw === null || raw === undefined || raw === '') return undefined;
    const date = dateFromAny(raw);
    if (date === undefined) warn(`${field}: ${JSON.stringify(raw)} is not a date; left out`);
    return date;
  };

  const metadata = definedFields({
    canonical_slug: text(entry.canonical_slug),
    hugging_face_id: text(entry.hugging_face_id),
    // When OpenRouter listed the model, not when it was released.
    created: dateFromUnixSeconds(entry.created),
    dynamic_pricing: dynamic ? true : undefined,
  });

  return {
    id,
    provider_model_id: entry.id,
    variant,
    name: modelName(entry.name ?? undefined, variant),
    owned_by: vendorSlug(vendor),
    capabilities: capabilityList(capabilities),
    input_modalities: input,
    output_modalities: output,
    context_window: firstTokenLimit(entry.context_length, entry.top_provider?.context_length),
    max_output_tokens: tokenLimit(entry.top_provider?.max_completion_tokens),
    pricing,
    knowledge_cutoff: dateField('knowledge_cutoff'),
    // The day OpenRouter stops serving the model.
    shutdown_date: dateField('expiration_date'),
    metadata,
  };
}

export const openRouterTransformer = entriesTransformer(
  {
    name: 'openrouter',
    format: 'OPENAI',
    // Every entry lists its supported parameters and its architecture's modalities.
    capabilityVocabulary: [...new Set(Object.values(PARAMETER_CAPABILITIES)), ...MODALITY_CAPABILITIES],
  },
  { schema: OpenRouterEntrySchema, idOf: (entry) => stringField(entry, 'id'), toModel },
);

export const transformOpenRouter = openRouterTransformer.transform;

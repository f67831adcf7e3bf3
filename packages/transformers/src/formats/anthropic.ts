import { type Capability, normalizeModelId } from '@llm-catalog/catalog';
import { z } from 'zod';
import { isRecord } from '../envelope.ts';
import { capabilityList, dateFromText, text, tokenLimit } from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { rawId, rawNumber, rawText, stringField } from '../raw.ts';
import { entriesTransformer } from '../descriptor.ts';

/**
 * Anthropic `GET /v1/models`: `{data, has_more, first_id, last_id}`, paged by `after_id`. Newer
 * responses add `max_input_tokens`, `max_tokens` and a `capabilities` object of `{supported}` flags.
 */
const AnthropicEntrySchema = z.looseObject({
  id: rawId,
  display_name: rawText,
  created_at: rawText,
  max_input_tokens: rawNumber,
  max_tokens: rawNumber,
  capabilities: z.record(z.string(), z.unknown()).nullish(),
});
type AnthropicEntry = z.infer<typeof AnthropicEntrySchema>;

const CAPABILITY_FLAGS: Record<string, Capability> = {
  image_input: 'IMAGE_RECOGNITION',
  pdf_input: 'FILE_INPUT',
  structured_outputs: 'STRUCTURED_OUTPUT',
  thinking: 'REASONING',
  code_execution: 'CODE_EXECUTION',
};

function capabilitiesOf(flags: AnthropicEntry['capabilities']): Capability[] | undefined {
  if (!flags) return undefined;
  return capabilityList(
    Object.entries(CAPABILITY_FLAGS).flatMap(([flag, cap]) => {
      const value = flags[flag];
      return isRecord(value) && value.supported === true ? [cap] : [];
    }),
  );
}

function toModel(entry: AnthropicEntry): NormalizedModel {
  const inputLimit = tokenLimit(entry.max_input_tokens);
  return {
    id: normalizeModelId(entry.id).id,
    provider_model_id: entry.id,
    name: text(entry.display_name),
    capabilities: capabilitiesOf(entry.capabilities),
    context_window: inputLimit,
    max_input_tokens: inputLimit,
    max_output_tokens: tokenLimit(entry.max_tokens),
    // Anthropic documents `created_at` as the release time (the epoch when unknown).
    release_date: dateFromText(entry.created_at),
  };
}

export const anthropicTransformer = entriesTransformer(
  {
    name: 'anthropic',
    format: 'ANTHROPIC',
    defaultForFormat: true,
    // The `capabilities` object flags these; it has no flag for tool use, so it says nothing about it.
    capabilityVocabulary: Object.values(CAPABILITY_FLAGS),
  },
  { schema: AnthropicEntrySchema, idOf: (entry) => stringField(entry, 'id'), toModel },
  (body) => {
    const lastId = isRecord(body) && body.has_more === true ? stringField(body, 'last_id') : undefined;
    return lastId === undefined ? undefined : { after_id: lastId };
  },
);

export const transformAnthropic = anthropicTransformer.transform;

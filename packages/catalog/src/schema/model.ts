import { z } from 'zod';
import {
  CapabilitySchema,
  DateStringSchema,
  ModalitySchema,
  ModelIdSchema,
  TokenLimitSchema,
  uniqueList,
} from './common.ts';
import { PricingSchema } from './pricing.ts';

/** Fields of a base model whose value an importer may own (see `metadata.provenance`). */
export const MODEL_FACT_KEYS = [
  'name',
  'owned_by',
  'description',
  'capabilities',
  'input_modalities',
  'output_modalities',
  'context_window',
  'max_output_tokens',
  'max_input_tokens',
  'pricing',
  'release_date',
  'knowledge_cutoff',
  'deprecation_date',
  'open_weights',
] as const;
export type ModelFactKey = (typeof MODEL_FACT_KEYS)[number];

/**
 * Free-form metadata. Known keys are typed; anything else is allowed so sources can keep
 * what they report without a schema change.
 */
export const ModelMetadataSchema = z.looseObject({
  /** The source that first added this model (a provider id, or "manual"). */
  source: z.string().optional(),
  canonical_slug: z.string().optional(),
  /**
   * Which source wrote each fact, e.g. `{ "context_window": "openrouter" }`. A fact with no entry
   * was set by a person, and no importer overwrites it.
   */
  provenance: z.record(z.string(), z.string()).optional(),
  /** The source prices this model per request at run time (OpenRouter's `"-1"`), so no price is listed. */
  dynamic_pricing: z.boolean().optional(),
});

export const ModelSchema = z
  .strictObject({
    id: ModelIdSchema,
    name: z.string().min(1).optional(),
    owned_by: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    capabilities: uniqueList(CapabilitySchema).optional(),
    input_modalities: uniqueList(ModalitySchema).min(1).optional(),
    output_modalities: uniqueList(ModalitySchema).min(1).optional(),
    context_window: TokenLimitSchema.optional(),
    max_output_tokens: TokenLimitSchema.optional(),
    max_input_tokens: TokenLimitSchema.optional(),
    pricing: PricingSchema.optional(),
    release_date: DateStringSchema.optional(),
    knowledge_cutoff: DateStringSchema.optional(),
    deprecation_date: DateStringSchema.optional(),
    replaced_by: ModelIdSchema.optional(),
    open_weights: z.boolean().optional(),
    aliases: uniqueList(ModelIdSchema).min(1).optional(),
    metadata: ModelMetadataSchema.optional(),
  })
  .refine(
    (m) =>
      m.max_output_tokens === undefined ||
      m.context_window === undefined ||
      m.max_output_tokens <= m.context_window,
    { message: 'max_output_tokens must not exceed context_window', path: ['max_output_tokens'] },
  );

export type Model = z.infer<typeof ModelSchema>;
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;

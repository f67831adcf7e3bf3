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
import { ProvenanceSchema } from './provenance.ts';

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
  'last_updated',
  'knowledge_cutoff',
  'deprecation_date',
  'shutdown_date',
  'status',
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
   * Which source wrote each fact and as of when, e.g. `{ "context_window": { "source": "openrouter",
   * "as_of": "2026-06-16" } }`. A fact with no entry was set by a person, and no source overwrites it.
   */
  provenance: z.record(z.string(), ProvenanceSchema).optional(),
  /** The source prices this model per request at run time (OpenRouter's `"-1"`), so no price is listed. */
  dynamic_pricing: z.boolean().optional(),
});

/**
 * Where a model is in its life. `deprecated` means the maker has announced its end; the dates say
 * when: `deprecation_date` is the announced deprecation, `shutdown_date` the day it stops answering.
 */
export const ModelStatusSchema = z.enum(['alpha', 'beta', 'deprecated'], {
  message: 'unknown status (alpha, beta, deprecated)',
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
    /** When the maker last changed the model (new weights or behaviour behind the same id). */
    last_updated: DateStringSchema.optional(),
    knowledge_cutoff: DateStringSchema.optional(),
    status: ModelStatusSchema.optional(),
    /** The day the maker announced the model's end. */
    deprecation_date: DateStringSchema.optional(),
    /** The day the model stops answering (LiteLLM's `deprecation_date` means this day). */
    shutdown_date: DateStringSchema.optional(),
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
  )
  .refine(
    (m) => m.max_input_tokens === undefined || m.context_window === undefined || m.max_input_tokens <= m.context_window,
    { message: 'max_input_tokens must not exceed context_window', path: ['max_input_tokens'] },
  )
  // Dates compare as text; a YYYY-MM date sorts before every day of its month.
  .refine(
    (m) => m.deprecation_date === undefined || m.shutdown_date === undefined || m.deprecation_date <= m.shutdown_date,
    { message: 'shutdown_date must not be before deprecation_date', path: ['shutdown_date'] },
  )
  .refine((m) => m.release_date === undefined || m.last_updated === undefined || m.release_date <= m.last_updated, {
    message: 'last_updated must not be before release_date',
    path: ['last_updated'],
  });

export type Model = z.infer<typeof ModelSchema>;
export type ModelMetadata = z.infer<typeof ModelMetadataSchema>;
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

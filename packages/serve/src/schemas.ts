import { ApiFormatSchema, CapabilitySchema, ModalitySchema, ProviderIdSchema, TransformerNameSchema, UpdateFrequencySchema } from '@llm-catalog/catalog';
import { z } from 'zod';

/** The request shapes of the API: every body and query is parsed with these, and the OpenAPI document is generated from them. */

const nonNegative = z.coerce.number().finite().min(0);

export const SORT_KEYS = ['model', 'provider', 'input_price', 'output_price', 'context'] as const;

export const ModelSearchQuerySchema = z.strictObject({
  q: z.string().max(200).optional().describe('words that must all appear in the model id, name or provider'),
  provider: ProviderIdSchema.optional(),
  capability: CapabilitySchema.optional(),
  modality: ModalitySchema.optional().describe('an input or output modality'),
  max_input_price: nonNegative.optional().describe('per million input tokens, in the offering\'s currency'),
  min_context: z.coerce.number().int().min(0).optional(),
  include_disabled: z.enum(['true', 'false']).optional(),
  sort: z.enum(SORT_KEYS).default('model'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ModelSearchQuery = z.infer<typeof ModelSearchQuerySchema>;

const KeyEnvSchema = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'must be an UPPER_SNAKE_CASE variable name (the variable, never the key)');

export const DetectRequestSchema = z.strictObject({
  base_url: z.string().min(1).max(2000),
});

export const AddProviderSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  base_url: z.string().min(1).max(2000),
  id: z.string().max(100).optional(),
  format: ApiFormatSchema.optional(),
  key_env: KeyEnvSchema.optional(),
  takes_key: z.boolean().optional(),
  transformer: TransformerNameSchema.optional(),
  models_url: z.string().min(1).max(2000).optional(),
});

export const TestConnectionSchema = AddProviderSchema.omit({ name: true, id: true }).extend({
  timeout_ms: z.number().int().min(100).max(60_000).optional(),
});

const optionalText = z.string().trim().min(1).max(2000).nullable().optional();

export const EditProviderSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: optionalText,
  website: optionalText,
  documentation: optionalText,
  api_key_env: KeyEnvSchema.nullable().optional(),
  deprecated: z.boolean().optional(),
  update_frequency: UpdateFrequencySchema.optional(),
  enabled: z.boolean().optional().describe('whether sync --all and health include it'),
});

export const RemoveProviderQuerySchema = z.strictObject({ force: z.enum(['true', 'false']).optional() });

export const SyncRequestSchema = z.strictObject({
  providers: z.union([z.literal('all'), z.array(ProviderIdSchema).min(1).max(500)]),
  dry_run: z.boolean().optional(),
  allow_removals: z.boolean().optional(),
});

export const OfferingToggleSchema = z.strictObject({
  disabled: z.boolean(),
  reason: z.string().trim().min(1).max(500).optional(),
  replace_with: z.string().min(1).max(300).optional(),
});

const tokens = z.coerce.number().int().min(0);

export const CostQuerySchema = z.strictObject({
  provider: ProviderIdSchema,
  model: z.string().min(1).max(300),
  input_tokens: tokens,
  output_tokens: tokens,
  cached_tokens: tokens.optional(),
});

export const HealthQuerySchema = z.strictObject({
  providers: z.string().max(5000).optional().describe('comma-separated provider ids; default: every enabled provider'),
});

export const HistoryQuerySchema = z.strictObject({
  provider: ProviderIdSchema,
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/** One provider's offering of one model, flattened for search: what the models list shows and filters on. */
export const OfferingRowSchema = z.object({
  provider_id: z.string(),
  model_id: z.string(),
  provider_model_id: z.string(),
  name: z.string().optional(),
  owned_by: z.string().optional(),
  capabilities: z.array(z.string()).optional(),
  input_modalities: z.array(z.string()).optional(),
  output_modalities: z.array(z.string()).optional(),
  context_window: z.number().optional(),
  input_price: z.number().optional().describe('per million tokens, in currency'),
  output_price: z.number().optional().describe('per million tokens, in currency'),
  currency: z.string().optional(),
  dynamic_pricing: z.literal(true).optional().describe('priced per request at run time: the listed prices are not what a request costs'),
  disabled: z.literal(true).optional(),
});
export type OfferingRow = z.infer<typeof OfferingRowSchema>;

export const ModelSearchResultSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  items: z.array(OfferingRowSchema),
});
export type ModelSearchResult = z.infer<typeof ModelSearchResultSchema>;

export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

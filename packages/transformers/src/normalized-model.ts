import { ModelSchema, ProviderModelIdSchema } from '@llm-catalog/catalog';
import { z } from 'zod';

/**
 * One entry of a provider's model list, normalized: the base-model facts the source reported, under
 * the base id every source shares, plus how to call this provider for it. `safeExtend` keeps the
 * model schema's own rules (max_output_tokens <= context_window), so a transformer's output is a valid
 * base model minus the two offering fields.
 */
export const NormalizedModelSchema = ModelSchema.safeExtend({
  /** The exact id to call the provider with, as the provider spells it. */
  provider_model_id: ProviderModelIdSchema,
  /**
   * Set when this entry is another offering of the model `id` names rather than the model itself:
   * an OpenRouter suffix (`free`, `thinking`, ...) or `alias` for a name a provider lists twice.
   */
  variant: z.string().min(1).optional(),
});

export type NormalizedModel = z.infer<typeof NormalizedModelSchema>;

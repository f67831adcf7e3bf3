import { z } from 'zod';
import { ModelIdSchema } from './common.ts';

/**
 * A person's reviewed statement about one spelling: it names this model (`same`), or it does not
 * (`different`, which stops the spelling rules from linking the two). A person's links come before
 * every source and every rule, and no sync or import ever writes them.
 */
export const LinkSchema = z.strictObject({
  /** Any provider's spelling, compared case-insensitively (`llama-3.3-70b-versatile`). */
  spelling: z
    .string()
    .min(1, 'spelling must not be empty')
    .refine((s) => s === s.trim(), 'spelling must not start or end with whitespace'),
  /** The base model (a models.json id) the spelling names, or does not name. */
  model_id: ModelIdSchema,
  relation: z.enum(['same', 'different']),
  /** Why: the evidence a reviewer accepted. */
  reason: z.string().min(1).optional(),
});

export type Link = z.infer<typeof LinkSchema>;

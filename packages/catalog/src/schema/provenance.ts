import { z } from 'zod';
import { DateStringSchema } from './common.ts';

/**
 * Where a fact came from: the source that stated it (a provider id for its own list API or an
 * aggregator's import, or a reference source such as `models.dev`) and the date the source stated it
 * as of. A fact without provenance was set by a person.
 */
export const ProvenanceSchema = z.strictObject({
  source: z.string().min(1, 'source must not be empty'),
  as_of: DateStringSchema.optional(),
});

export type Provenance = z.infer<typeof ProvenanceSchema>;

import type { Provider, ReferenceSource } from '@llm-catalog/catalog';
import type { NormalizedModel } from '../normalized-model.ts';

/** The reference catalogs that list the offerings of many providers in one body. */
export type SourceName = ReferenceSource;

export interface SourceParseOptions {
  /**
   * The catalog's provider ids. Offerings of these are kept; a source provider outside them is kept
   * only when the source says enough to build its provider entry.
   */
  known_providers: ReadonlySet<string>;
}

/** Something a source parser left out: one whole entry (`skipped`), or one field of it. */
export interface SourceWarning {
  /** The source's own id of the provider (a models.dev key, a LiteLLM `litellm_provider`). */
  source_provider?: string;
  /** The catalog provider id the entry maps to, when it maps to one. */
  provider_id?: string;
  /** The entry: `<provider>/<model key>` in models.dev, the top-level key in LiteLLM. */
  key: string;
  message: string;
  skipped?: boolean;
}

export interface SourceResult {
  /** Catalog provider id -> that provider's offerings, sorted by `provider_model_id` then `variant`. */
  offerings: Record<string, NormalizedModel[]>;
  /**
   * Entries for providers the catalog does not have yet, sorted by id: real API hosts the source
   * describes, listed with their list endpoint switched off until a person has checked it.
   */
  providers: Provider[];
  warnings: SourceWarning[];
}

/** A pure function from one source body to the offerings of every provider it lists. */
export type SourceParser = (body: unknown, options: SourceParseOptions) => SourceResult;

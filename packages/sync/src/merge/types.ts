import type { Catalog } from '@llm-catalog/catalog';

export type MergeMode = 'sync' | 'import';

export interface MergeOptions {
  /**
   * `sync`: a provider's own list describes its offering only; base models are created but never
   * changed. `import`: an aggregator authoritative for the base facts it reports (docs/data-contract.md).
   */
  mode: MergeMode;
  /** Accept an empty list or the loss of more than half of the provider's models. */
  allowRemovals?: boolean;
}

/**
 * The aggregators whose imports are authoritative for base facts, highest precedence first. In an
 * import, a fact recorded by a plain provider sync, or by an importer later in this list, is taken
 * over; a person's fact (no provenance) never is. A fixed order keeps two importers from trading the
 * same fact back and forth night after night.
 */
export const AGGREGATOR_IMPORTERS = ['openrouter', 'aihubmix'] as const;
export type AggregatorImporter = (typeof AGGREGATOR_IMPORTERS)[number];

export type MergeNoteKind =
  | 'orphaned-manual'
  | 'redundant-manual'
  | 'collision'
  | 'folded-variant'
  | 'respelled'
  | 'guard';

/** Something a reviewer should know about the merge; never an error by itself (except `guard`). */
export interface MergeNote {
  kind: MergeNoteKind;
  message: string;
  model_id?: string;
}

export interface ProviderMergeResult {
  status: 'updated' | 'unchanged' | 'failed';
  /** The merged catalog; the input catalog itself when nothing changed or the merge failed. */
  catalog: Catalog;
  /** Base model ids this provider started serving, sorted. */
  added: string[];
  /** Base model ids this provider stopped serving, sorted. */
  removed: string[];
  /** Base model ids still served whose auto override or (import) base facts changed, sorted. */
  changed: string[];
  /** Base models created by this merge, sorted. */
  newBaseModels: string[];
  /** Existing base models whose facts an import refreshed or filled, sorted. */
  refreshedBaseModels: string[];
  notes: MergeNote[];
  /** Why the merge failed (the guard), when `status` is `failed`. */
  error?: string;
}

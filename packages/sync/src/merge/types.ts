import type { Catalog, IdentityIndex } from '@llm-catalog/catalog';
import type { CapabilityVocabulary } from '@llm-catalog/transformers';
import type { MergeChange } from './session.ts';

export interface MergeOptions {
  /**
   * Who reported the list: the provider's id for its own list API or an aggregator's import (the
   * default), or a reference source (`models.dev`, `litellm`). It decides the band written and who
   * owns the base facts written (see `SOURCE_BANDS`, `BASE_FACT_PRECEDENCE`).
   */
  source?: string;
  /**
   * The capabilities the source's format says yes or no to (`capabilityVocabularyOf`, a source's
   * `capabilityVocabulary`); one of them it did not report is removed from the offering. Default:
   * none, so the source only adds.
   */
  capabilityVocabulary?: CapabilityVocabulary;
  /** The date the source's facts are as of (YYYY-MM-DD), recorded in provenance. */
  asOf?: string;
  /** Accept an empty list or the loss of more than half of the models this source lists for the provider. */
  allowRemovals?: boolean;
  /**
   * Base models whose facts another provider's entry of the same source already spoke for in this
   * run: a reference source lists one model under many providers, and only one entry may set the
   * base facts, or the last provider merged would decide them.
   */
  settledModels?: ReadonlySet<string>;
  /**
   * The identity index of the catalog, shared by the merges of one run and kept current by them
   * (they only add models and spellings). Building it is most of a merge's time in a large catalog,
   * so a run of many providers builds it once. Default: built from the catalog.
   */
  identity?: IdentityIndex;
}

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
  /** Base model ids still served whose auto override (in this source's band) or base facts changed, sorted. */
  changed: string[];
  /** Base models created by this merge, sorted. */
  newBaseModels: string[];
  /** Existing base models whose facts this source refreshed or filled, sorted. */
  refreshedBaseModels: string[];
  /** Base models whose facts this merge spoke for (created, or refreshed from this list), sorted. */
  spokenFor: string[];
  notes: MergeNote[];
  /** Why the merge failed (the guard), when `status` is `failed`. */
  error?: string;
}

/** A merge into a run's session: what `mergeProviderModels` says, and the change to apply when `updated`. */
export type SessionMergeResult = Omit<ProviderMergeResult, 'catalog'> & { change?: MergeChange };

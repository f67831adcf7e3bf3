import type { NormalizedModel } from './normalized-model.ts';

/** Something a transformer could not take from one entry of the body. */
export interface TransformWarning {
  /** Position of the entry in the body's list. */
  index: number;
  /** The entry's id as the provider spelled it, when it had one. */
  id?: string;
  message: string;
  /** True when the whole entry was left out; otherwise one field of it was. */
  skipped?: boolean;
}

export interface TransformResult {
  models: NormalizedModel[];
  warnings: TransformWarning[];
  /** Query parameters that fetch the next page, when the body says there is one. */
  nextPage?: { query: Record<string, string> };
}

/** A pure function from one raw list-models body to normalized models. */
export type Transformer = (body: unknown) => TransformResult;

export { mergeProviderModels } from './merge-provider.ts';
export { AUTO_PRIORITY } from './auto-override.ts';
export { AGGREGATOR_IMPORTERS } from './types.ts';
export type { AggregatorImporter, MergeMode, MergeNote, MergeNoteKind, MergeOptions, ProviderMergeResult } from './types.ts';

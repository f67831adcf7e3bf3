export { mergeProviderModels } from './merge-provider.ts';
export type { MergeNote, MergeNoteKind, MergeOptions, ProviderMergeResult } from './types.ts';

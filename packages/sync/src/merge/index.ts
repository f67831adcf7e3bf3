export { mergeProviderModels } from './merge-provider.ts';
export { AUTO_PRIORITY } from './auto-override.ts';
export type { MergeMode, MergeNote, MergeNoteKind, MergeOptions, ProviderMergeResult } from './types.ts';

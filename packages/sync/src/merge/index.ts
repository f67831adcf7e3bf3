export { mergeIntoSession, mergeProviderModels } from './merge-provider.ts';
export { type MergeChange, MergeSession } from './session.ts';
export type { MergeNote, MergeNoteKind, MergeOptions, ProviderMergeResult, SessionMergeResult } from './types.ts';

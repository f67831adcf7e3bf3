import type { ProviderKey } from './keys.ts';

/**
 * What a sync run reports while it works, in order: the key check (before any request), then per
 * provider a start, any retries, and a result; rarely, a recheck. A display decides how to show them.
 */
export type SyncProgressEvent =
  | { type: 'keys'; keys: ProviderKey[] }
  | { type: 'fetch-start'; providerId: string }
  | { type: 'fetch-retry'; providerId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'fetch-done'; providerId: string; fetched: number; warnings: number; durationMs: number }
  | { type: 'fetch-failed'; providerId: string; error: string; durationMs: number }
  /**
   * The merged result would not validate: the lists are read again (fetched again, for providers'
   * own APIs) and merged one by one, each checked, without a progress event per provider.
   */
  | { type: 'recheck'; problem: string };

export type SyncProgressListener = (event: SyncProgressEvent) => void;

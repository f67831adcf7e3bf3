import { fileName } from '@llm-catalog/catalog';
import type { SyncRunResult } from './run-sync.ts';

/** One skipped or partly read entry of a models list, in words. */
export const warningText = (w: { index?: number; id?: string; message: string }): string =>
  `entry ${[w.index, w.id === undefined ? undefined : `"${w.id}"`].filter((x) => x !== undefined).join(' ')}: ${w.message}`;

/**
 * The machine-readable result of a sync run: what `sync --json` prints and what the web API's sync
 * job ends with, so both report the same numbers.
 */
export function syncJsonDocument(result: SyncRunResult, reportPath?: string) {
  const t = result.totals;
  return {
    providers: result.providers.map((p) => ({
      id: p.id,
      status: p.status,
      fetched: p.fetched,
      added: p.added.length,
      changed: p.changed.length,
      removed: p.removed.length,
      ...(p.error !== undefined ? { error: p.error } : {}),
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      duration_ms: p.durationMs,
      ...(p.warnings.length > 0 ? { warnings: p.warnings.map(warningText) } : {}),
      ...(p.notes.length > 0 ? { notes: p.notes } : {}),
    })),
    totals: {
      providers: t.providers,
      updated: t.updated,
      unchanged: t.unchanged,
      skipped: t.skipped,
      failed: t.failed,
      fetched: t.fetched,
      added: t.added,
      changed: t.changed,
      removed: t.removed,
      duration_ms: t.durationMs,
    },
    dry_run: result.dryRun,
    ...(result.newDisagreements.length > 0 ? { new_disagreements: result.newDisagreements } : {}),
    written: result.written.map(fileName),
    ...(result.commit ? { commit: { committed: result.commit.committed, ...(result.commit.sha ? { sha: result.commit.sha } : {}) } } : {}),
    ...(reportPath ? { report: reportPath } : {}),
  };
}

export type SyncJsonDocument = ReturnType<typeof syncJsonDocument>;

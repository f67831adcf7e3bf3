import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  acquireDataLock,
  auditCatalog,
  type Catalog,
  CatalogLoadError,
  type CatalogProblem,
  checkIntegrity,
  type DataFileKind,
  type DataFileState,
  type Disagreement,
  newDisagreements,
  fileName,
  writeFileAtomic,
  errorsIntroduced,
  formatProblem,
  IdentityIndex,
  planCatalogWrite,
  type Provider,
  readCatalog,
  type ReferenceSource,
  writeCatalog,
} from '@llm-catalog/catalog';
import type { NormalizedModel, SourceWarning, TransformWarning } from '@llm-catalog/transformers';
import pLimit from 'p-limit';
import { FetchError } from './fetch/errors.ts';
import { fetchModelList, type FetchModelListOptions } from './fetch/fetch-models.ts';
import { redactSecrets } from './fetch/redact.ts';
import { withDiscoveredProviders } from './discover.ts';
import { assertDataFilesClean, commitDataFiles } from './git.ts';
import { keyStatusOf, type ProviderKey, secretsOf } from './keys.ts';
import { type MergeNote, mergeProviderModels } from './merge/index.ts';
import { modelListFromBody } from './fetch/fetch-models.ts';
import { catalogClockOf, fetchSourceBody, sourceListsFromBody } from './source-import.ts';
import type { SyncProgressListener } from './progress.ts';
import { buildChangeReport, commitMessageFor } from './report/index.ts';
import { type ProviderSelection, ProviderSelectionError, selectProviders } from './select-providers.ts';

/** Providers fetched at once. Each is a different host, so this bounds sockets and memory, not any one API. */
export const DEFAULT_CONCURRENCY = 8;

export type FetchTuning = Pick<
  FetchModelListOptions,
  'timeoutMs' | 'retries' | 'retryBaseDelayMs' | 'maxRetryDelayMs' | 'maxBytes' | 'maxPages'
>;

export interface SyncRunOptions extends FetchTuning {
  dataDir: string;
  providers: ProviderSelection;
  /**
   * A reference source (`models.dev`, `litellm`) to import instead of the providers' own lists: its
   * body feeds every provider it lists, each merged into that source's band. `providers` is then
   * ignored. Default: each selected provider's own list API.
   */
  source?: ReferenceSource;
  /**
   * A recorded body to read instead of fetching: the reference source's, or the one selected
   * provider's list as its endpoint returns it (through the same transformer).
   */
  recorded?: { body: unknown };
  /** The date the facts are as of (YYYY-MM-DD): provenance and the file version use it, not the clock. */
  asOf?: string;
  env: NodeJS.ProcessEnv;
  /** Fetch and merge, but write and commit nothing. */
  dryRun?: boolean;
  concurrency?: number;
  /** Accept an empty list or the loss of more than half of a provider's models. */
  allowRemovals?: boolean;
  /** Commit the data files written, with a message from the change report. */
  commit?: boolean;
  now?: Date;
  onProgress?: SyncProgressListener;
}

/** A transformer's warning, or a reference source's (named by its key, with no position in a list). */
export type RunWarning = Omit<TransformWarning, 'index'> & { index?: number };

export type ProviderRunStatus = 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ProviderRunSummary {
  id: string;
  status: ProviderRunStatus;
  /** Models the provider listed (0 when it was skipped or its fetch failed). */
  fetched: number;
  /** Base model ids this provider started serving, stopped serving, or serves differently. */
  added: string[];
  changed: string[];
  removed: string[];
  /** Why it failed; free of any key. */
  error?: string;
  /** Why it was skipped. */
  reason?: string;
  durationMs: number;
  /** Entries of the list that were skipped or read only in part. */
  warnings: RunWarning[];
  /** What the merge wants a reviewer to know (manual overrides left pointing at nothing, collisions). */
  notes: MergeNote[];
}

export interface SyncTotals {
  providers: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  fetched: number;
  added: number;
  changed: number;
  removed: number;
  durationMs: number;
}

export interface SyncRunResult {
  /** In provider-id order. */
  providers: ProviderRunSummary[];
  totals: SyncTotals;
  keys: ProviderKey[];
  before: Catalog;
  after: Catalog;
  /** The data files written, or that would be written in a dry run. */
  written: DataFileKind[];
  /** Providers a reference source brought into providers.json, sorted. */
  addedProviders?: string[];
  /** A reference source's warnings about entries that name no catalog provider. */
  sourceWarnings?: RunWarning[];
  /** Facts two sources now state differently that they did not before the run, most impact first. */
  newDisagreements: Disagreement[];
  dryRun: boolean;
  /** Present when a commit was asked for and files were written; `error` when git refused. */
  commit?: { committed: boolean; sha?: string; message: string; error?: string };
}

type FetchOutcome =
  | { ok: true; models: NormalizedModel[]; warnings: RunWarning[]; durationMs: number }
  | { ok: false; error: string; durationMs: number };

const elapsedSince = (start: number) => Math.round(performance.now() - start);

/** `last_synced` to the second: milliseconds would only add noise to the diff. */
const timestampOf = (now: Date) => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

async function fetchAll(
  providers: readonly Provider[],
  options: SyncRunOptions,
  secrets: readonly string[],
): Promise<Map<string, FetchOutcome>> {
  const limit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
  const emit = options.onProgress ?? (() => undefined);
  const outcomes = new Map<string, FetchOutcome>();
  const recorded = options.recorded;
  await Promise.all(
    providers.map((provider) =>
      limit(async () => {
        const start = performance.now();
        emit({ type: 'fetch-start', providerId: provider.id });
        try {
          const list = recorded
            ? modelListFromBody(provider, recorded.body, secrets)
            : await fetchModelList(provider, {
                env: options.env,
                secrets,
                ...fetchTuningOf(options),
                onRetry: (retry) => emit({ type: 'fetch-retry', ...retry }),
              });
          const durationMs = elapsedSince(start);
          outcomes.set(provider.id, { ok: true, ...list, durationMs });
          emit({
            type: 'fetch-done',
            providerId: provider.id,
            fetched: list.models.length,
            warnings: list.warnings.length,
            durationMs,
          });
        } catch (err) {
          const durationMs = elapsedSince(start);
          const raw = err instanceof FetchError ? err.detail : err instanceof Error ? err.message : String(err);
          const error = redactSecrets(raw, secrets);
          outcomes.set(provider.id, { ok: false, error, durationMs });
          emit({ type: 'fetch-failed', providerId: provider.id, error, durationMs });
        }
      }),
    ),
  );
  return outcomes;
}

function fetchTuningOf(options: SyncRunOptions): FetchTuning {
  const tuning: FetchTuning = {};
  for (const key of ['timeoutMs', 'retries', 'retryBaseDelayMs', 'maxRetryDelayMs', 'maxBytes', 'maxPages'] as const) {
    if (options[key] !== undefined) tuning[key] = options[key];
  }
  return tuning;
}

/** A provider's summary before anything is known of its run: nothing fetched, nothing changed. */
function blankSummary(id: string, status: ProviderRunStatus, durationMs: number): ProviderRunSummary {
  return { id, status, fetched: 0, added: [], changed: [], removed: [], durationMs, warnings: [], notes: [] };
}

function describeInvalid(problems: readonly CatalogProblem[]): string {
  const first = problems[0];
  if (!first) return 'its result would make the catalog invalid';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `its result would make the catalog invalid: ${formatProblem(first)}${more}`;
}

/** What sources now state differently that they did not before: only the updated providers can have news. */
function disagreementsBrought(before: Catalog, after: Catalog, updated: ReadonlySet<string>): Disagreement[] {
  if (updated.size === 0) return [];
  return newDisagreements(auditCatalog(before, { providers: updated }), auditCatalog(after, { providers: updated }));
}

/** The files sources write; any other (a person's links) is versioned as usual. */
const SOURCE_WRITTEN_FILES: ReadonlySet<DataFileKind> = new Set(['providers', 'models', 'overrides']);

/**
 * Writes the files of a run from recorded data (`--as-of`). Their version is the newest as-of date
 * in the catalog (`catalogClockOf`), a function of the content alone: the same recorded bodies give
 * the same bytes on any day and in any order of imports, and a run that changes nothing writes nothing.
 */
async function writeDated(
  dataDir: string,
  catalog: Catalog,
  files: Partial<Record<DataFileKind, DataFileState>>,
  asOf: string,
  dryRun: boolean,
): Promise<DataFileKind[]> {
  const unversioned = Object.fromEntries(
    Object.entries(files).map(([kind, state]) => [
      kind,
      SOURCE_WRITTEN_FILES.has(kind as DataFileKind) ? { ...state, version: undefined } : state,
    ]),
  );
  const planned = planCatalogWrite(catalog, unversioned, catalogClockOf(catalog, asOf)).filter(
    (f) => f.changed && f.text !== files[f.kind]?.text,
  );
  if (!dryRun) for (const f of planned) await writeFileAtomic(join(dataDir, fileName(f.kind)), f.text);
  return planned.map((f) => f.kind);
}

/**
 * The order in which a reference source's providers are merged, so that a model's base facts come
 * from its maker's entry where the source has one: the makers' own platforms (tagged `official`)
 * first, then the rest, each in id order.
 */
export function referenceMergeOrder(providers: readonly Provider[]): Provider[] {
  const official = (p: Provider) => (p.metadata?.tags?.includes('official') ? 0 : 1);
  return [...providers].sort((a, b) => official(a) - official(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Merges every fetched list into the catalog one provider at a time, in id order, so the result does
 * not depend on which answer arrived first. With `checkEach`, a provider whose merge would bring a
 * schema or integrity error is refused and the catalog stays as it was before it.
 */
function mergeInOrder(
  base: Catalog,
  providers: readonly Provider[],
  outcomes: ReadonlyMap<string, FetchOutcome>,
  options: {
    source: string | undefined;
    asOf: string | undefined;
    allowRemovals: boolean;
    checkEach: boolean;
    secrets: readonly string[];
  },
): { catalog: Catalog; merged: Map<string, ProviderRunSummary> } {
  let catalog = base;
  const merged = new Map<string, ProviderRunSummary>();
  // A reference source's providers share its base facts: the first entry merged speaks for a model.
  const settled = new Set<string>();
  const identity = new IdentityIndex(base);
  for (const provider of options.source ? referenceMergeOrder(providers) : providers) {
    const outcome = outcomes.get(provider.id);
    if (!outcome) continue;
    const summary = blankSummary(provider.id, 'failed', outcome.durationMs);
    merged.set(provider.id, summary);
    if (!outcome.ok) {
      summary.error = outcome.error;
      continue;
    }
    summary.fetched = outcome.models.length;
    summary.warnings = outcome.warnings;
    try {
      const result = mergeProviderModels(catalog, provider.id, outcome.models, {
        identity,
        ...(options.source !== undefined ? { source: options.source, settledModels: settled } : {}),
        ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
        allowRemovals: options.allowRemovals,
      });
      summary.notes = result.notes;
      if (result.status === 'failed') {
        summary.error = result.error ?? 'the merge refused this list';
        continue;
      }
      if (options.checkEach && result.status === 'updated') {
        const problems = errorsIntroduced(catalog, result.catalog);
        if (problems.length > 0) {
          summary.error = describeInvalid(problems);
          continue;
        }
      }
      Object.assign(summary, {
        status: result.status,
        added: result.added,
        changed: result.changed,
        removed: result.removed,
      });
      if (result.status === 'updated') catalog = result.catalog;
      for (const id of result.spokenFor) settled.add(id);
    } catch (err) {
      summary.error = redactSecrets(err instanceof Error ? err.message : String(err), options.secrets);
    }
  }
  return { catalog, merged };
}

/** Stamps `models_api.last_synced` on the providers whose data changed, and only on those. */
function stampLastSynced(catalog: Catalog, updated: ReadonlySet<string>, now: Date): Catalog {
  if (updated.size === 0) return catalog;
  const stamp = timestampOf(now);
  return {
    ...catalog,
    providers: catalog.providers.map((p) =>
      updated.has(p.id) && p.models_api ? { ...p, models_api: { ...p.models_api, last_synced: stamp } } : p,
    ),
  };
}

function totalsOf(providers: readonly ProviderRunSummary[], durationMs: number): SyncTotals {
  const count = (status: ProviderRunStatus) => providers.filter((p) => p.status === status).length;
  const sum = (pick: (p: ProviderRunSummary) => number) => providers.reduce((n, p) => n + pick(p), 0);
  return {
    providers: providers.length,
    updated: count('updated'),
    unchanged: count('unchanged'),
    skipped: count('skipped'),
    failed: count('failed'),
    fetched: sum((p) => p.fetched),
    added: sum((p) => p.added.length),
    changed: sum((p) => p.changed.length),
    removed: sum((p) => p.removed.length),
    durationMs,
  };
}

/** Commits the data files just written, with the change report's summary as the message. */
async function commitWrites(dataDir: string, before: Catalog, after: Catalog): Promise<SyncRunResult['commit']> {
  const message = commitMessageFor(buildChangeReport(before, after));
  try {
    return { ...(await commitDataFiles(dataDir, message)), message };
  } catch (err) {
    // The files are written and valid; only the commit is missing, which a person can make.
    return { committed: false, message, error: err instanceof Error ? err.message : String(err) };
  }
}

interface Gathered {
  before: Catalog;
  selected: Provider[];
  keys: ProviderKey[];
  missing: Map<string, ProviderKey>;
  outcomes: Map<string, FetchOutcome>;
  secrets: string[];
  addedProviders: string[];
  unplaced: RunWarning[];
}

/** Each selected provider's own list: fetched, or read from the recorded body. */
async function gatherProviders(onDisk: Catalog, options: SyncRunOptions): Promise<Gathered> {
  // `sync --all` also covers the custom providers the environment names (PROVIDER_<NAME>_URL): they
  // are written to providers.json with their models, as `discover --save` would add them.
  const before = options.providers === 'all' ? withDiscoveredProviders(onDisk, options.env).catalog : onDisk;
  const selected = selectProviders(before.providers, options.providers);
  if (options.recorded && selected.length !== 1) {
    throw new ProviderSelectionError('a recorded body is one provider\'s list: name exactly one provider');
  }
  // A recorded body needs no key: nothing is fetched.
  const keys = options.recorded ? [] : selected.map((p) => keyStatusOf(p, options.env));
  options.onProgress?.({ type: 'keys', keys });
  const missing = new Map(keys.filter((k) => k.status === 'missing').map((k) => [k.providerId, k]));
  const runnable = selected.filter((p) => !missing.has(p.id));
  const secrets = secretsOf(before.providers, options.env);
  const outcomes = await fetchAll(runnable, options, secrets);
  return { before, selected, keys, missing, outcomes, secrets, addedProviders: [], unplaced: [] };
}

const sourceWarning = (w: SourceWarning): RunWarning => ({
  id: w.key,
  message: w.message,
  ...(w.skipped ? { skipped: true } : {}),
});

/** A reference source's body, fetched or recorded, split into the lists of the providers it names. */
async function gatherSource(source: ReferenceSource, onDisk: Catalog, options: SyncRunOptions): Promise<Gathered> {
  const start = performance.now();
  const secrets = secretsOf(onDisk.providers, options.env);
  const body = options.recorded ? options.recorded.body : await fetchSourceBody(source, fetchTuningOf(options));
  const read = sourceListsFromBody(source, body, onDisk);
  const durationMs = elapsedSince(start);
  const outcomes = new Map<string, FetchOutcome>();
  for (const [id, list] of read.lists) {
    outcomes.set(id, { ok: true, models: list.models, warnings: list.warnings.map(sourceWarning), durationMs });
  }
  const selected = read.catalog.providers.filter((p) => read.lists.has(p.id));
  return {
    before: read.catalog,
    selected,
    keys: [],
    missing: new Map(),
    outcomes,
    secrets,
    addedProviders: read.addedProviders,
    unplaced: read.unplaced.map(sourceWarning),
  };
}

/**
 * Syncs providers into the data directory (docs/data-contract.md): fetches concurrently, each provider isolated
 * from the others' failures; merges in provider-id order; validates the whole result; writes the
 * changed files once, atomically, under the data lock; optionally commits them.
 *
 * A provider whose key is missing is skipped, not failed. A provider that fails (fetch error, guard,
 * a result that would be invalid) contributes nothing. Throws only when the run as a whole cannot
 * proceed, before anything is written: the lock is held, the data files are invalid (schema errors
 * before fetching, integrity errors once the result is checked), the selection names unknown
 * providers, or `commit` finds a person's uncommitted edits in the data files.
 */
export async function runSync(options: SyncRunOptions): Promise<SyncRunResult> {
  const start = performance.now();
  const now = options.now ?? new Date();
  const dryRun = options.dryRun ?? false;
  const release = dryRun ? undefined : await acquireDataLock(options.dataDir);
  try {
    const { catalog: onDisk, files } = await readCatalog(options.dataDir);
    if (options.commit && !dryRun) await assertDataFilesClean(options.dataDir);
    const gathered = options.source
      ? await gatherSource(options.source, onDisk, options)
      : await gatherProviders(onDisk, options);
    const { before, selected, keys, missing, outcomes, secrets } = gathered;

    const mergeOptions = {
      source: options.source,
      asOf: options.asOf,
      allowRemovals: options.allowRemovals ?? false,
      secrets,
    };
    // `last_synced` says when the provider's own list API was last read: a reference source or a
    // recorded body does not read it.
    const stamp = (c: Catalog, ids: ReadonlySet<string>) =>
      options.source || options.recorded ? c : stampLastSynced(c, ids, now);
    let merge = mergeInOrder(before, selected, outcomes, { ...mergeOptions, checkEach: false });
    const updatedIds = () =>
      new Set([...merge.merged.values()].filter((s) => s.status === 'updated').map((s) => s.id));
    let after = stamp(merge.catalog, updatedIds());
    // The integrity of the catalog as read is checked only when the result has errors: one pass over
    // the whole catalog instead of two on every run.
    if (errorsIntroduced(before, after).length > 0) {
      const existing = checkIntegrity(before).filter((p) => p.severity === 'error');
      if (existing.length > 0) throw new CatalogLoadError(existing);
      // Rare: find the providers that bring the errors by checking after each merge, and leave them out.
      merge = mergeInOrder(before, selected, outcomes, { ...mergeOptions, checkEach: true });
      after = stamp(merge.catalog, updatedIds());
      const remaining = errorsIntroduced(before, after);
      if (remaining.length > 0) throw new CatalogLoadError(remaining);
    }

    const providers = selected.map((p): ProviderRunSummary => {
      const key = missing.get(p.id);
      if (key) return { ...blankSummary(p.id, 'skipped', 0), reason: `${key.envVar} is not set` };
      const summary = merge.merged.get(p.id);
      if (!summary) throw new Error(`internal: no outcome for provider "${p.id}"`);
      return summary;
    });

    const written = options.asOf
      ? await writeDated(options.dataDir, after, files, options.asOf, dryRun)
      : dryRun
        ? planCatalogWrite(after, files, now)
            .filter((f) => f.changed)
            .map((f) => f.kind)
        : await writeCatalog(options.dataDir, after, files, now);

    const commit =
      options.commit && !dryRun && written.length > 0 ? await commitWrites(options.dataDir, before, after) : undefined;
    return {
      providers,
      totals: totalsOf(providers, elapsedSince(start)),
      keys,
      newDisagreements: disagreementsBrought(before, after, updatedIds()),
      ...(gathered.addedProviders.length > 0 ? { addedProviders: gathered.addedProviders } : {}),
      ...(gathered.unplaced.length > 0 ? { sourceWarnings: gathered.unplaced } : {}),
      before,
      after,
      written,
      dryRun,
      ...(commit ? { commit } : {}),
    };
  } finally {
    await release?.();
  }
}

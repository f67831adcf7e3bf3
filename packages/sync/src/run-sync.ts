import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  acquireDataLock,
  assertNoErrors,
  auditCatalog,
  byCodePoint,
  type Catalog,
  CatalogLoadError,
  type CatalogProblem,
  checkIntegrity,
  type DataFileKind,
  type DataFileState,
  type Disagreement,
  errorsIntroduced,
  fileName,
  formatProblem,
  newDisagreements,
  planCatalogWrite,
  type Provider,
  readCatalog,
  type ReferenceSource,
  writeCatalog,
  writeFileAtomic,
} from '@llm-catalog/catalog';
import { capabilityVocabularyOf, getSource, type NormalizedModel, type SourceWarning, type TransformWarning } from '@llm-catalog/transformers';
import { FetchError } from './fetch/errors.ts';
import { fetchModelList, type FetchModelListOptions } from './fetch/fetch-models.ts';
import { redactSecrets } from './fetch/redact.ts';
import { withDiscoveredProviders } from './discover.ts';
import { assertDataFilesClean, commitDataFiles } from './git.ts';
import { keyStatusOf, type ProviderKey, secretsOf } from './keys.ts';
import { type MergeNote, mergeIntoSession, MergeSession } from './merge/index.ts';
import { DEFAULT_CONCURRENCY, providerScheduler } from './fetch/schedule.ts';
import { modelListFromBody } from './fetch/fetch-models.ts';
import { catalogClockOf, fetchSourceBody, sourceListsFromBody } from './source-import.ts';
import type { SyncProgressListener } from './progress.ts';
import { buildChangeReport, commitMessageFor } from './report/index.ts';
import { type ProviderSelection, ProviderSelectionError, selectProviders } from './select-providers.ts';

export { DEFAULT_CONCURRENCY } from './fetch/schedule.ts';

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
  /** Providers fetched at once (default `DEFAULT_CONCURRENCY`). */
  concurrency?: number;
  /** Providers fetched at once from one host; default: no limit but `concurrency`. */
  perHost?: number;
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

/** Receives each provider's outcome as its answer arrives. */
type Arrival = (providerId: string, outcome: FetchOutcome) => void;

/** Fetches every provider at once under the run's caps, handing each outcome over as it arrives. */
async function fetchAll(
  providers: readonly Provider[],
  options: SyncRunOptions,
  secrets: readonly string[],
  arrive: Arrival,
): Promise<void> {
  const schedule = providerScheduler({
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
    ...(options.perHost !== undefined ? { perHost: options.perHost } : {}),
  });
  const emit = options.onProgress ?? (() => undefined);
  const recorded = options.recorded;
  await Promise.all(
    providers.map((provider) =>
      schedule(provider, async () => {
        const start = performance.now();
        emit({ type: 'fetch-start', providerId: provider.id });
        let outcome: FetchOutcome;
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
          outcome = { ok: true, ...list, durationMs };
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
          outcome = { ok: false, error, durationMs };
          emit({ type: 'fetch-failed', providerId: provider.id, error, durationMs });
        }
        arrive(provider.id, outcome);
      }),
    ),
  );
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
  return [...providers].sort((a, b) => official(a) - official(b) || byCodePoint(a.id, b.id));
}

interface RunMergeOptions {
  source: ReferenceSource | undefined;
  asOf: string | undefined;
  allowRemovals: boolean;
  /** Refuse a provider whose merge would bring a schema or integrity error, keeping the catalog as it was before it. */
  checkEach: boolean;
  secrets: readonly string[];
}

/** The merges of one run, into one session, each provider's summary kept by id. */
class RunMerge {
  readonly session: MergeSession;
  readonly merged = new Map<string, ProviderRunSummary>();
  // A reference source's providers share its base facts: the first entry merged speaks for a model.
  private readonly settled = new Set<string>();

  constructor(
    base: Catalog,
    private readonly options: RunMergeOptions,
  ) {
    this.session = new MergeSession(base);
  }

  merge(provider: Provider, outcome: FetchOutcome): void {
    const summary = blankSummary(provider.id, 'failed', outcome.durationMs);
    this.merged.set(provider.id, summary);
    if (!outcome.ok) {
      summary.error = outcome.error;
      return;
    }
    summary.fetched = outcome.models.length;
    summary.warnings = outcome.warnings;
    const { source, asOf } = this.options;
    try {
      const { change, ...result } = mergeIntoSession(this.session, provider.id, outcome.models, {
        ...(source !== undefined ? { source, settledModels: this.settled } : {}),
        ...(asOf !== undefined ? { asOf } : {}),
        allowRemovals: this.options.allowRemovals,
        capabilityVocabulary: source !== undefined ? getSource(source).capabilityVocabulary : capabilityVocabularyOf(provider.models_api?.endpoints ?? []),
      });
      summary.notes = result.notes;
      if (result.status === 'failed') {
        summary.error = result.error ?? 'the merge refused this list';
        return;
      }
      if (change) {
        const before = this.options.checkEach ? this.session.catalog() : undefined;
        const undo = this.session.apply(change);
        const problems = before ? errorsIntroduced(before, this.session.catalog()) : [];
        if (problems.length > 0) {
          undo();
          summary.error = describeInvalid(problems);
          return;
        }
      }
      Object.assign(summary, { status: result.status, added: result.added, changed: result.changed, removed: result.removed });
      for (const id of result.spokenFor) this.settled.add(id);
    } catch (err) {
      summary.error = redactSecrets(err instanceof Error ? err.message : String(err), this.options.secrets);
    }
  }

  updatedIds(): Set<string> {
    return new Set([...this.merged.values()].filter((s) => s.status === 'updated').map((s) => s.id));
  }
}

/**
 * Hands outcomes to `merge` in the fixed `order` however they arrive: an outcome waits only for
 * those before it. The merges of early answers run while later ones are still on the wire, and
 * the result is the same as merging in order after the last answer, so it does not depend on
 * which answer arrived first.
 */
function inOrder(order: readonly Provider[], merge: (provider: Provider, outcome: FetchOutcome) => void): Arrival {
  const waiting = new Map<string, FetchOutcome>();
  let next = 0;
  return (providerId, outcome) => {
    waiting.set(providerId, outcome);
    for (let p = order[next]; p !== undefined; p = order[next]) {
      const ready = waiting.get(p.id);
      if (!ready) return;
      waiting.delete(p.id);
      next++;
      merge(p, ready);
    }
  };
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

/** What a run will read, before any list is read; `fetch` then hands each outcome over as it arrives. */
interface Gathered {
  before: Catalog;
  selected: Provider[];
  /** The providers to merge, in the order their merges run. */
  order: Provider[];
  keys: ProviderKey[];
  missing: Map<string, ProviderKey>;
  /** Reads every list once more on each call; `quiet` leaves out the per-provider progress events. */
  fetch: (arrive: Arrival, quiet?: boolean) => Promise<void>;
  secrets: string[];
  addedProviders: string[];
  unplaced: RunWarning[];
}

/** Each selected provider's own list: fetched, or read from the recorded body; merged in id order. */
function gatherProviders(onDisk: Catalog, options: SyncRunOptions): Gathered {
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
  const fetch = (arrive: Arrival, quiet = false) => {
    const { onProgress: _progress, ...withoutProgress } = options;
    return fetchAll(runnable, quiet ? withoutProgress : options, secrets, arrive);
  };
  return { before, selected, order: runnable, keys, missing, fetch, secrets, addedProviders: [], unplaced: [] };
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
  const order = referenceMergeOrder(selected);
  return {
    before: read.catalog,
    selected,
    order,
    keys: [],
    missing: new Map(),
    fetch: async (arrive) => {
      for (const p of order) {
        const outcome = outcomes.get(p.id);
        if (outcome) arrive(p.id, outcome);
      }
    },
    secrets,
    addedProviders: read.addedProviders,
    unplaced: read.unplaced.map(sourceWarning),
  };
}

/**
 * Fetches the gathered lists and merges each as it arrives. When the result would not validate,
 * throws for errors the catalog already had, else reads the lists again (a provider's own API is
 * asked again) and merges them one by one, checking after each provider and leaving out those that
 * bring errors. The lists are not kept for that rare second pass: on a large catalog they were a
 * fifth of a run's memory.
 */
async function fetchAndMerge(gathered: Gathered, options: SyncRunOptions, now: Date): Promise<MergedRun> {
  const { before, order } = gathered;
  const mergeOptions = {
    source: options.source,
    asOf: options.asOf,
    allowRemovals: options.allowRemovals ?? false,
    secrets: gathered.secrets,
  };
  // `last_synced` says when the provider's own list API was last read: a reference source or a
  // recorded body does not read it.
  const stamp = (m: RunMerge) =>
    options.source || options.recorded ? m.session.catalog() : stampLastSynced(m.session.catalog(), m.updatedIds(), now);
  const first = new RunMerge(before, { ...mergeOptions, checkEach: false });
  await gathered.fetch(inOrder(order, (p, outcome) => first.merge(p, outcome)));
  const after = stamp(first);
  // The catalog is read without `loadValidCatalog`: its integrity is checked only when the result
  // has errors, one pass over the whole catalog instead of two on every run.
  const problems = errorsIntroduced(before, after);
  if (problems.length === 0) return mergedRun(first, after);
  assertNoErrors(checkIntegrity(before));
  // Rare (a source's new fact contradicts a person's override): find the providers that bring the
  // errors by checking after each merge, and leave them out.
  options.onProgress?.({ type: 'recheck', problem: formatProblem(problems[0] as CatalogProblem) });
  const checked = new RunMerge(before, { ...mergeOptions, checkEach: true });
  await gathered.fetch(
    inOrder(order, (p, outcome) => checked.merge(p, outcome)),
    true,
  );
  const result = stamp(checked);
  const remaining = errorsIntroduced(before, result);
  if (remaining.length > 0) throw new CatalogLoadError(remaining);
  return mergedRun(checked, result);
}

/** What a run keeps of its merges: the session and its indexes are let go before the files are written. */
interface MergedRun {
  merged: ReadonlyMap<string, ProviderRunSummary>;
  updated: ReadonlySet<string>;
  after: Catalog;
}
const mergedRun = (merge: RunMerge, after: Catalog): MergedRun => ({ merged: merge.merged, updated: merge.updatedIds(), after });

/**
 * Syncs providers into the data directory (docs/data-contract.md): fetches every provider at once
 * (under `concurrency` and `perHost`), each isolated from the others' failures; merges each list as
 * it arrives, in provider-id order; validates the whole result; writes the
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
      : gatherProviders(onDisk, options);
    const { before, selected, keys, missing } = gathered;
    const { merged, updated, after } = await fetchAndMerge(gathered, options, now);
    const providers = selected.map((p): ProviderRunSummary => {
      const key = missing.get(p.id);
      if (key) return { ...blankSummary(p.id, 'skipped', 0), reason: `${key.envVar} is not set` };
      const summary = merged.get(p.id);
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
      newDisagreements: disagreementsBrought(before, after, updated),
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

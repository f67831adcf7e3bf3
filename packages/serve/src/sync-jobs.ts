import { type FetchTuning, type ProviderSelection, runSync, type SyncJsonDocument, syncJsonDocument, type SyncProgressEvent, type SyncRunResult } from '@llm-catalog/sync';
import { fileName } from '@llm-catalog/catalog';
import { ApiError, type ErrorBody, errorBody, toApiError } from './errors.ts';

/** What a sync job reports, in order: the SSE events of `/api/sync/jobs/:id/events`. */
export type SyncJobEvent =
  | { type: 'queued'; job_id: string; providers: string[] }
  | { type: 'provider'; id: string; state: 'fetching' | 'retrying' | 'fetched' | 'failed' | 'skipped'; fetched?: number; error?: string; reason?: string }
  | { type: 'merging' }
  | { type: 'written'; files: string[]; dry_run: boolean }
  | { type: 'done'; result: SyncJsonDocument }
  | ({ type: 'failed' } & ErrorBody);

export interface SyncJob {
  id: string;
  status: 'running' | 'done' | 'failed';
  started_at: string;
  providers: ProviderSelection;
  events: SyncJobEvent[];
  /** The same document as `catalog sync --json`, once done. */
  result?: SyncJsonDocument;
}

export interface SyncJobRequest {
  providers: ProviderSelection;
  dryRun?: boolean;
  allowRemovals?: boolean;
}

const KEPT_JOBS = 20;

/**
 * Runs syncs one at a time on the server's data directory and keeps their events for late
 * subscribers. A second sync while one runs is refused (409); so is one while another process holds
 * the data lock, which `runSync` finds before it fetches anything.
 */
export class SyncJobs {
  private readonly jobs = new Map<string, SyncJob>();
  private readonly listeners = new Map<string, Set<(event: SyncJobEvent) => void>>();
  private running: SyncJob | undefined;
  private counter = 0;

  constructor(
    private readonly options: { dataDir: string; env: NodeJS.ProcessEnv; fetch?: FetchTuning; now?: () => Date; onWritten?: () => void },
  ) {}

  get(id: string): SyncJob | undefined {
    return this.jobs.get(id);
  }

  /** Calls `listener` with each new event of the job until it ends; returns the unsubscribe function. */
  subscribe(id: string, listener: (event: SyncJobEvent) => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  private emit(job: SyncJob, event: SyncJobEvent): void {
    job.events.push(event);
    for (const listener of this.listeners.get(job.id) ?? []) listener(event);
  }

  /** Starts a sync and resolves once it holds the lock and knows its providers; rejects with an `ApiError`. */
  async start(request: SyncJobRequest): Promise<SyncJob> {
    if (this.running) {
      const what = this.running.providers === 'all' ? 'all providers' : this.running.providers.join(', ');
      throw new ApiError(409, 'sync-running', `a sync is already running (job ${this.running.id}: ${what}, since ${this.running.started_at}); wait for it to finish`);
    }
    const job: SyncJob = {
      id: `sync-${++this.counter}`,
      status: 'running',
      started_at: (this.options.now?.() ?? new Date()).toISOString(),
      providers: request.providers,
      events: [],
    };
    this.running = job;
    let announced!: () => void;
    const started = new Promise<void>((resolve) => (announced = resolve));
    const progress = this.progressOf(job, () => announced());
    const run = runSync({
      dataDir: this.options.dataDir,
      providers: request.providers,
      env: this.options.env,
      dryRun: request.dryRun ?? false,
      allowRemovals: request.allowRemovals ?? false,
      ...this.options.fetch,
      onProgress: progress,
    });
    const ended = this.settle(job, run);
    void ended.finally(() => {
      if (this.running === job) this.running = undefined;
      this.listeners.delete(job.id);
    });
    const failure = await Promise.race([started.then(() => undefined), ended]);
    if (failure !== undefined) {
      this.running = undefined;
      throw toApiError(failure);
    }
    this.jobs.set(job.id, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) this.jobs.delete(old);
    return job;
  }

  /** Turns a run's progress into job events; `announced` is called once the run knows its providers. */
  private progressOf(job: SyncJob, announced: () => void): (event: SyncProgressEvent) => void {
    let runnable = 0;
    let finished = 0;
    return (event) => {
      switch (event.type) {
        case 'keys': {
          this.emit(job, { type: 'queued', job_id: job.id, providers: event.keys.map((k) => k.providerId) });
          for (const k of event.keys.filter((x) => x.status === 'missing')) {
            this.emit(job, { type: 'provider', id: k.providerId, state: 'skipped', reason: `${k.envVar} is not set` });
          }
          runnable = event.keys.filter((k) => k.status !== 'missing').length;
          if (runnable === 0) this.emit(job, { type: 'merging' });
          announced();
          return;
        }
        case 'fetch-start':
          return this.emit(job, { type: 'provider', id: event.providerId, state: 'fetching' });
        case 'fetch-retry':
          return this.emit(job, { type: 'provider', id: event.providerId, state: 'retrying', reason: event.reason });
        case 'fetch-done':
          this.emit(job, { type: 'provider', id: event.providerId, state: 'fetched', fetched: event.fetched });
          break;
        case 'fetch-failed':
          this.emit(job, { type: 'provider', id: event.providerId, state: 'failed', error: event.error });
          break;
      }
      if (++finished === runnable) this.emit(job, { type: 'merging' });
    };
  }

  /** Records how the run ended on the job; resolves to the error when it failed, else undefined. */
  private settle(job: SyncJob, run: Promise<SyncRunResult>): Promise<unknown> {
    return run.then(
      (result) => {
        const doc = syncJsonDocument(result);
        job.result = doc;
        job.status = 'done';
        this.options.onWritten?.();
        this.emit(job, { type: 'written', files: result.written.map(fileName), dry_run: result.dryRun });
        this.emit(job, { type: 'done', result: doc });
        return undefined;
      },
      (err: unknown) => {
        job.status = 'failed';
        this.emit(job, { type: 'failed', ...errorBody(toApiError(err)) });
        return err;
      },
    );
  }
}

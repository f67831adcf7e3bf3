import type { CatalogStore } from './catalog-store.ts';
import type { SyncJobs } from './sync-jobs.ts';

/** What every route reads: the data directory, the environment (keys live there, never in answers), the cached catalog, the sync jobs. */
export interface ServerContext {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  store: CatalogStore;
  jobs: SyncJobs;
  /** How long a connection test or health probe waits; default 10 s. */
  probeTimeoutMs?: number;
}

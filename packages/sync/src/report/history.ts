import { indexCatalog, PRICE_KEYS, type PriceKey, resolveModel } from '@llm-catalog/catalog';
import { type DataCommit, type DataFileCache, locateDataRepo, logDataCommits, readCatalogAtCommit } from '../git.ts';
import { LIMIT_KEYS } from './build.ts';
import type { LimitKey } from './types.ts';

/** How many commits `history` reads when not told: each one costs a parse of the data files. */
export const HISTORY_DEFAULT_LIMIT = 50;

/** What one provider's offering of one model looked like at one commit. */
export interface ModelSnapshot {
  served: boolean;
  disabled?: boolean;
  /** Price per key: per million tokens for token prices, per unit otherwise. */
  prices?: Partial<Record<PriceKey, { amount: number; currency: string }>>;
  limits?: Partial<Record<LimitKey, number>>;
}

export interface ModelHistoryEntry extends DataCommit, ModelSnapshot {}

export interface ModelHistory {
  provider_id: string;
  model_id: string;
  /** Oldest first; only the commits where the values changed. */
  entries: ModelHistoryEntry[];
  /** How many commits touching the data files were read. */
  commits_read: number;
  /** Commits whose files could not be read with today's schema: skipped, each with the reason. */
  skipped: { sha: string; error: string }[];
}

function snapshotAt(catalog: Parameters<typeof indexCatalog>[0], providerId: string, modelId: string): ModelSnapshot {
  const resolved = resolveModel(indexCatalog(catalog), providerId, modelId)?.model;
  if (!resolved) return { served: false };
  const snapshot: ModelSnapshot = { served: true };
  if (resolved.disabled) snapshot.disabled = true;
  const prices: NonNullable<ModelSnapshot['prices']> = {};
  for (const key of PRICE_KEYS) {
    const entry = resolved.pricing?.[key] as { per_million_tokens?: number; price?: number; currency: string } | undefined;
    const amount = entry?.per_million_tokens ?? entry?.price;
    if (entry && amount !== undefined) prices[key] = { amount, currency: entry.currency };
  }
  if (Object.keys(prices).length) snapshot.prices = prices;
  const limits: NonNullable<ModelSnapshot['limits']> = {};
  for (const key of LIMIT_KEYS) if (resolved[key] !== undefined) limits[key] = resolved[key];
  if (Object.keys(limits).length) snapshot.limits = limits;
  return snapshot;
}

/**
 * The price and limit timeline of one provider's model: walks the commits that touched models.json
 * or overrides.json (newest `limit` of them), resolves the model at each, and keeps a row wherever
 * the values differ from the commit before.
 */
export async function buildModelHistory(
  dataDir: string,
  providerId: string,
  modelId: string,
  options: { limit?: number; ref?: string } = {},
): Promise<ModelHistory> {
  const repo = await locateDataRepo(dataDir);
  const commits = await logDataCommits(repo, ['models', 'overrides'], {
    limit: options.limit ?? HISTORY_DEFAULT_LIMIT,
    ...(options.ref ? { ref: options.ref } : {}),
  });
  const entries: ModelHistoryEntry[] = [];
  const skipped: ModelHistory['skipped'] = [];
  const cache: DataFileCache = new Map();
  let previous = JSON.stringify({ served: false });
  for (const commit of [...commits].reverse()) {
    let snapshot: ModelSnapshot;
    try {
      snapshot = snapshotAt(await readCatalogAtCommit(repo, commit.sha, commit.sha.slice(0, 12), cache), providerId, modelId);
    } catch (err) {
      skipped.push({ sha: commit.sha, error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const key = JSON.stringify(snapshot);
    if (key === previous) continue;
    previous = key;
    entries.push({ ...commit, ...snapshot });
  }
  return { provider_id: providerId, model_id: modelId, entries, commits_read: commits.length, skipped };
}

import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { type Catalog, type CatalogIndex, DATA_FILES, indexCatalog, loadValidCatalog } from '@llm-catalog/catalog';
import { buildOfferingRows } from './model-search.ts';
import type { OfferingRow } from './schemas.ts';

/** One read of the data files, with what every request derives from it built once. */
export interface CatalogSnapshot {
  catalog: Catalog;
  index: CatalogIndex;
  rows: OfferingRow[];
}

/** How long a read trusts the last look at the files: an edit by the CLI or an editor shows within it. */
const RECHECK_MS = 500;

export interface CatalogStore {
  get(): Promise<CatalogSnapshot>;
  /** After this server changed the files: the next read looks at them again. */
  invalidate(): void;
}

/**
 * The catalog as the server reads it: re-read only when a data file changed on disk (its size or
 * mtime), so a search costs no parse. The files are looked at no more often than every RECHECK_MS,
 * except right after this server's own edits, which show at once.
 */
export function createCatalogStore(dataDir: string): CatalogStore {
  let cached: { stamp: string; snapshot: Promise<CatalogSnapshot> } | undefined;
  let checked: { at: number; stamp: Promise<string> } | undefined;
  const stampOf = async () => {
    const stats = await Promise.all(
      Object.values(DATA_FILES).map((name) => stat(join(dataDir, name)).then((s) => `${s.size}:${s.mtimeMs}`, () => 'absent')),
    );
    return stats.join('|');
  };
  return {
    invalidate() {
      checked = undefined;
    },
    async get() {
      const now = performance.now();
      if (!checked || now - checked.at > RECHECK_MS) checked = { at: now, stamp: stampOf() };
      const stamp = await checked.stamp;
      if (cached?.stamp !== stamp) {
        const snapshot = loadValidCatalog(dataDir).then(({ catalog }) => {
          const index = indexCatalog(catalog);
          return { catalog, index, rows: buildOfferingRows(index) };
        });
        cached = { stamp, snapshot };
        // A failed read is not cached: the next request tries again (the person may be fixing the file).
        snapshot.catch(() => {
          if (cached?.snapshot === snapshot) cached = undefined;
        });
      }
      return cached.snapshot;
    },
  };
}

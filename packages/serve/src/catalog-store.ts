import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Catalog, type CatalogIndex, DATA_FILES, indexCatalog, readCatalog } from '@llm-catalog/catalog';
import { buildOfferingRows, type OfferingRow } from './model-search.ts';

/** One read of the data files, with what every request derives from it built once. */
export interface CatalogSnapshot {
  catalog: Catalog;
  index: CatalogIndex;
  rows: OfferingRow[];
}

/**
 * The catalog as the server reads it: re-read only when a data file changed on disk (its size or
 * mtime), so a search costs no parse, while an edit by this server, the CLI or an editor shows at once.
 */
export function createCatalogStore(dataDir: string): { get(): Promise<CatalogSnapshot> } {
  let cached: { stamp: string; snapshot: Promise<CatalogSnapshot> } | undefined;
  const stampOf = async () => {
    const stats = await Promise.all(
      Object.values(DATA_FILES).map((name) => stat(join(dataDir, name)).then((s) => `${s.size}:${s.mtimeMs}`, () => 'absent')),
    );
    return stats.join('|');
  };
  return {
    async get() {
      const stamp = await stampOf();
      if (cached?.stamp !== stamp) {
        const snapshot = readCatalog(dataDir).then(({ catalog }) => {
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

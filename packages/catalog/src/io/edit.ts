import { catalogErrors } from '../check.ts';
import { type CatalogProblem, formatProblem } from '../problems.ts';
import type { DataFileKind } from '../schema/files.ts';
import { withDataLock } from './lock.ts';
import { loadValidCatalog } from './load-valid.ts';
import type { Catalog } from './read.ts';
import { writeCatalog, writeLinks } from './write.ts';

/** An edit whose result would break the schema or the integrity rules: nothing was written. */
export class InvalidEditError extends Error {
  constructor(readonly problems: CatalogProblem[]) {
    super(
      `the change would leave the catalog invalid; nothing was written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
    this.name = 'InvalidEditError';
  }
}

/**
 * One edit of the data files, the same for every caller (CLI, web API): under the data lock, read,
 * change, check the whole result against the schema and the integrity rules, then write only the
 * files that changed (the links file only when the edit changed the links). Nothing is written when `edit` throws or the result is invalid.
 */
export async function editCatalog<T>(
  dataDir: string,
  edit: (catalog: Catalog) => { catalog: Catalog; result: T },
): Promise<{ result: T; written: DataFileKind[] }> {
  return withDataLock(dataDir, async () => {
    const { catalog, files } = await loadValidCatalog(dataDir);
    const { catalog: next, result } = edit(catalog);
    if (next === catalog) return { result, written: [] };
    // Every entry is checked, not only new objects: an edit may have changed an entry in place.
    const problems = catalogErrors(next);
    if (problems.length > 0) throw new InvalidEditError(problems);
    const written = await writeCatalog(dataDir, next, files);
    if (next.links !== catalog.links) await writeLinks(dataDir, next.links ?? [], files.links);
    return { result, written };
  });
}

import { checkIntegrity } from '../integrity.ts';
import { CatalogLoadError, type CatalogProblem, errorsOf } from '../problems.ts';
import type { FileKind } from '../schema/files.ts';
import { type Catalog, type CatalogFiles, type DataFileState, readCatalog } from './read.ts';
import { type CatalogTexts, knownIntegrity, rememberIntegrity } from './valid-text-cache.ts';

/** A catalog read from disk that passed the schema and every integrity rule; warnings kept for display. */
export interface ValidCatalog {
  catalog: Catalog;
  files: CatalogFiles;
  warnings: CatalogProblem[];
}

/** Throws a `CatalogLoadError` listing the errors among `problems`, if there is any. */
export function assertNoErrors(problems: readonly CatalogProblem[]): void {
  const errors = errorsOf(problems);
  if (errors.length > 0) throw new CatalogLoadError(errors);
}

/**
 * The one way every command, the library and the server start: read the data directory, check it,
 * and fail with a `CatalogLoadError` (errors only) on anything `catalog validate` reports as an error.
 */
export async function loadValidCatalog(dir: string): Promise<ValidCatalog> {
  const { catalog, files } = await readCatalog(dir);
  const texts: CatalogTexts = {};
  for (const [kind, file] of Object.entries(files) as [FileKind, DataFileState | undefined][]) {
    if (file?.text !== undefined) texts[kind] = file.text;
  }
  // The same texts that passed before pass again: every command starts here, on files that rarely changed.
  const known = knownIntegrity(texts);
  if (known) return { catalog, files, warnings: known };
  const problems = checkIntegrity(catalog);
  assertNoErrors(problems);
  const warnings = problems.filter((p) => p.severity === 'warning');
  rememberIntegrity(texts, warnings);
  return { catalog, files, warnings };
}

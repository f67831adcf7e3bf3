import {
  type Catalog,
  CatalogLoadError,
  type CatalogProblem,
  checkIntegrity,
  type DataFileKind,
  ENTRY_SCHEMAS,
  entryLabel,
  fileName,
  formatPath,
  formatProblem,
  readCatalog,
  withDataLock,
  writeCatalog,
} from '@llm-catalog/catalog';
import { CliError, EXIT } from './errors.ts';

function schemaProblems(catalog: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const kind of ['providers', 'models', 'overrides'] as const) {
    catalog[kind].forEach((entry, index) => {
      const parsed = ENTRY_SCHEMAS[kind].safeParse(entry);
      if (parsed.success) return;
      for (const issue of parsed.error.issues) {
        problems.push({
          severity: 'error',
          code: 'schema',
          file: fileName(kind),
          entry: entryLabel(kind, index, entry),
          ...(issue.path.length > 0 ? { field: formatPath(issue.path) } : {}),
          message: issue.message,
        });
      }
    });
  }
  return problems;
}

/**
 * One edit of the data files by a command: under the data lock, read, change, check the whole result
 * against the schema and the integrity rules, then write only the files that changed. Nothing is
 * written when `edit` throws or the result is invalid.
 */
export async function editCatalog<T>(
  dataDir: string,
  edit: (catalog: Catalog) => { catalog: Catalog; result: T },
): Promise<{ result: T; written: DataFileKind[] }> {
  return withDataLock(dataDir, async () => {
    const { catalog, files } = await readCatalog(dataDir);
    const before = checkIntegrity(catalog).filter((p) => p.severity === 'error');
    if (before.length > 0) throw new CatalogLoadError(before);
    const { catalog: next, result } = edit(catalog);
    if (next === catalog) return { result, written: [] };
    const problems = [...schemaProblems(next), ...checkIntegrity(next)].filter((p) => p.severity === 'error');
    if (problems.length > 0) {
      throw new CliError(
        `the change would leave the catalog invalid; nothing was written:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
        EXIT.fatal,
      );
    }
    return { result, written: await writeCatalog(dataDir, next, files) };
  });
}

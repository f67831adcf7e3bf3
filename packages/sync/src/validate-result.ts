import {
  type Catalog,
  type CatalogProblem,
  checkIntegrity,
  DATA_FILE_KINDS,
  ENTRY_SCHEMAS,
  entryLabel,
  fileName,
  formatPath,
} from '@llm-catalog/catalog';

/**
 * The errors a catalog derived from `base` would bring: schema errors of every entry that is not one
 * of `base`'s own (unchanged entries were validated when read), and integrity errors of the whole.
 * Expects `base` itself to be free of errors, so that every error found is new.
 */
export function errorsIntroduced(base: Catalog, result: Catalog): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const kind of DATA_FILE_KINDS) {
    const known = new Set<unknown>(base[kind]);
    const schema = ENTRY_SCHEMAS[kind];
    result[kind].forEach((entry: unknown, index: number) => {
      if (known.has(entry)) return;
      const parsed = schema.safeParse(entry);
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
  problems.push(...checkIntegrity(result).filter((p) => p.severity === 'error'));
  return problems;
}

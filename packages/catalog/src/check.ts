import type { z } from 'zod';
import { checkIntegrity } from './integrity.ts';
import type { Catalog } from './io/read.ts';
import { type CatalogProblem, entryLabel, fileName, formatPath } from './problems.ts';
import { DATA_FILE_KINDS, ENTRY_SCHEMAS, type FileKind } from './schema/files.ts';

/** One entry's schema errors, each located by file, entry and field. */
export function entrySchemaProblems(
  kind: FileKind,
  index: number,
  entry: unknown,
  error: z.ZodError,
): CatalogProblem[] {
  const base = { severity: 'error', code: 'schema', file: fileName(kind), entry: entryLabel(kind, index, entry) } as const;
  const at = (path: readonly PropertyKey[]) => (path.length > 0 ? { field: formatPath(path) } : {});
  return error.issues.flatMap((issue) => {
    // Zod reports unknown keys once, at the object holding them; name each key as the field to fix.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ ...base, ...at([...issue.path, key]), message: `unknown key "${key}"` }));
    }
    if (issue.code === 'invalid_value') {
      return [{ ...base, ...at(issue.path), message: invalidValueMessage(issue.message, valueAt(entry, issue.path), issue.values) }];
    }
    return [{ ...base, ...at(issue.path), message: issue.message }];
  });
}

function valueAt(entry: unknown, path: readonly PropertyKey[]): unknown {
  let current = entry;
  for (const key of path) current = current && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined;
  return current;
}

/** An enum's message with the value that was given, and the allowed one it differs from only in case. */
function invalidValueMessage(message: string, value: unknown, allowed: readonly unknown[]): string {
  const sameButCase =
    typeof value === 'string' ? allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase()) : undefined;
  return `${message}, got ${JSON.stringify(value) ?? 'nothing'}${sameButCase !== undefined ? ` (did you mean "${String(sameButCase)}"?)` : ''}`;
}

/** Schema errors of every entry of an in-memory catalog, except the entries in `alreadyValid`. */
export function schemaProblemsOf(catalog: Catalog, alreadyValid?: ReadonlySet<unknown>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const kind of [...DATA_FILE_KINDS, 'links' as const]) {
    const schema = ENTRY_SCHEMAS[kind];
    ((catalog[kind] ?? []) as unknown[]).forEach((entry, index) => {
      if (alreadyValid?.has(entry)) return;
      const parsed = schema.safeParse(entry);
      if (!parsed.success) problems.push(...entrySchemaProblems(kind, index, entry, parsed.error));
    });
  }
  return problems;
}

/** Every error of an in-memory catalog: schema errors of each entry, then integrity errors. */
export function catalogErrors(catalog: Catalog): CatalogProblem[] {
  return [...schemaProblemsOf(catalog), ...checkIntegrity(catalog)].filter((p) => p.severity === 'error');
}

/**
 * The errors a catalog derived from `base` would bring: schema errors of every entry that is not one
 * of `base`'s own objects (those were validated when read, and derivations never mutate them), and
 * integrity errors of the whole. Expects `base` itself to be free of errors, so every error is new.
 */
export function errorsIntroduced(base: Catalog, result: Catalog): CatalogProblem[] {
  const known = new Set<unknown>([...base.providers, ...base.models, ...base.overrides]);
  return [
    ...schemaProblemsOf(result, known),
    ...checkIntegrity(result).filter((p) => p.severity === 'error'),
  ];
}

import type { z } from 'zod';
import { type CatalogProblem, entryLabel, fileName, formatPath } from './problems.ts';
import type { FileKind } from './schema/files.ts';

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

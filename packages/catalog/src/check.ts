import { checkIntegrity } from './integrity.ts';
import type { Catalog } from './io/read.ts';
import { type CatalogProblem, errorsOf } from './problems.ts';
import { entrySchemaProblems } from './schema-problems.ts';
import { DATA_FILE_KINDS, ENTRY_SCHEMAS } from './schema/files.ts';
import { PLAIN_ENTRY_CHECKS } from './schema/plain.ts';

/** Schema errors of every entry of an in-memory catalog, except the entries in `alreadyValid`. */
export function schemaProblemsOf(catalog: Catalog, alreadyValid?: ReadonlySet<unknown>): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  for (const kind of [...DATA_FILE_KINDS, 'links' as const]) {
    const schema = ENTRY_SCHEMAS[kind];
    const plain = PLAIN_ENTRY_CHECKS[kind];
    ((catalog[kind] ?? []) as unknown[]).forEach((entry, index) => {
      if (alreadyValid?.has(entry) || plain?.(entry)) return;
      const parsed = schema.safeParse(entry);
      if (!parsed.success) problems.push(...entrySchemaProblems(kind, index, entry, parsed.error));
    });
  }
  return problems;
}

/** Every error of an in-memory catalog: schema errors of each entry, then integrity errors. */
export function catalogErrors(catalog: Catalog): CatalogProblem[] {
  return errorsOf([...schemaProblemsOf(catalog), ...checkIntegrity(catalog)]);
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
    ...errorsOf(checkIntegrity(result)),
  ];
}

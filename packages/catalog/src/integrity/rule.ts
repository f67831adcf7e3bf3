import type { Catalog } from '../io/read.ts';
import { type CatalogProblem, entryLabel, fileName } from '../problems.ts';
import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import type { Provider } from '../schema/provider.ts';
import type { IntegrityIndex } from './index-catalog.ts';

interface EntryOf {
  providers: Provider;
  models: Model;
  overrides: Override;
  links: Link;
}
type Kind = keyof EntryOf;

/** What a rule found on one entry; the runner adds the file and the entry's label. */
export type Finding = Omit<CatalogProblem, 'file' | 'entry'>;

/** An error (unless `severity` says warning) with its code and message, on `field` when given. */
export function problem(
  code: string,
  message: string,
  options: { field?: string; severity?: CatalogProblem['severity'] } = {},
): Finding {
  return { severity: options.severity ?? 'error', code, ...(options.field ? { field: options.field } : {}), message };
}

/** One thing checked on every entry of one file, with everything precomputed in the shared index. */
export type EntryRule<K extends Kind> = (entry: EntryOf[K], index: number, ix: IntegrityIndex) => Finding | Finding[] | undefined;

/** A pass over one file's entries running its rules in order, so problems come out entry by entry. */
export type Pass = (catalog: Catalog, ix: IntegrityIndex) => CatalogProblem[];

export function pass<K extends Kind>(kind: K, rules: readonly EntryRule<K>[]): Pass {
  const file = fileName(kind);
  // Loops, not nested flatMaps: a catalog's thousands of entries, nearly all without a problem,
  // would otherwise allocate an empty array per entry and rule.
  return (catalog, ix) => {
    const problems: CatalogProblem[] = [];
    ((catalog[kind] ?? []) as EntryOf[K][]).forEach((entry, i) => {
      for (const rule of rules) {
        const found = rule(entry, i, ix);
        // An entry's label is made only for an entry with a problem: most rules find none, often as [].
        if (found === undefined || (Array.isArray(found) && found.length === 0)) continue;
        const entryName = entryLabel(kind, i, entry);
        for (const { severity, code, field, message } of Array.isArray(found) ? found : [found]) {
          problems.push({ severity, code, file, entry: entryName, ...(field ? { field } : {}), message });
        }
      }
    });
    return problems;
  };
}

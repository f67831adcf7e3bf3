import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { entrySchemaProblems } from '../schema-problems.ts';
import { PLAIN_ENTRY_CHECKS } from '../schema/plain.ts';
import { CatalogLoadError, type CatalogProblem, fileName } from '../problems.ts';
import { DATA_FILE_KINDS, type DataFileKind, ENTRY_SCHEMAS, type FileKind } from '../schema/files.ts';
import type { Link } from '../schema/link.ts';
import type { Model } from '../schema/model.ts';
import type { Override } from '../schema/override.ts';
import type { Provider } from '../schema/provider.ts';
import { VersionSchema } from '../schema/common.ts';
import { parseJsonText } from './json-text.ts';
import { knownValid, rememberValid } from './valid-text-cache.ts';

/** The catalog as lists: what the rest of the code works with. */
export interface Catalog {
  providers: Provider[];
  models: Model[];
  overrides: Override[];
  /** A person's reviewed identity links (`links.json`); absent when there is no such file. */
  links?: Link[];
}

/** What was read of each file; `links` only when `links.json` exists. */
export type CatalogFiles = Record<DataFileKind, DataFileState> & { links?: DataFileState };

/** What was read from disk, kept so a writer can tell whether anything changed. */
export interface DataFileState {
  /** The file's text as read, or undefined when it did not exist. */
  text?: string;
  /**
   * The file's entries as read (the same objects as the catalog's), when every one passed its
   * schema: a writer compares content with them instead of parsing the text again. Like every entry
   * read, they are never changed in place: a change to the catalog is a copy.
   */
  entries?: readonly unknown[];
  version?: string;
  $schema?: string;
}

/** An entry that failed its schema, with its place in the file. */
export interface RejectedEntry {
  index: number;
  entry: unknown;
}

export interface InspectedCatalog {
  catalog: Catalog;
  files: CatalogFiles;
  /** Schema problems; entries with problems are left out of `catalog`. */
  problems: CatalogProblem[];
  /** The entries left out of `catalog`, per file. */
  rejected: Record<FileKind, RejectedEntry[]>;
}

function schemaProblem(
  kind: FileKind,
  message: string,
  extra: Partial<CatalogProblem> = {},
): CatalogProblem {
  return { severity: 'error', code: 'schema', file: fileName(kind), message, ...extra };
}

/**
 * Checks one parsed file: the envelope, then every entry on its own so one bad entry names itself.
 * The entries of a text known to have passed are taken as they are (see `knownValid`).
 */
function inspectEnvelope(kind: FileKind, value: unknown, problems: CatalogProblem[], trusted: boolean) {
  const state: DataFileState = {};
  const entries: unknown[] = [];
  const rejected: RejectedEntry[] = [];
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(schemaProblem(kind, `expected an object { "version": ..., "${kind}": [...] }`));
    return { state, entries, rejected };
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== '$schema' && key !== 'version' && key !== kind) {
      problems.push(schemaProblem(kind, `unknown top-level key "${key}"`, { field: key }));
    }
  }
  const version = VersionSchema.safeParse(obj.version);
  if (version.success) state.version = version.data;
  else problems.push(schemaProblem(kind, 'version must be YYYY.MM.DD', { field: 'version' }));
  if (typeof obj.$schema === 'string') state.$schema = obj.$schema;
  const list = obj[kind];
  if (!Array.isArray(list)) {
    problems.push(schemaProblem(kind, `"${kind}" must be an array`, { field: kind }));
    return { state, entries, rejected };
  }
  if (trusted) return { state, entries: list as unknown[], rejected };
  const schema = ENTRY_SCHEMAS[kind];
  const plain = PLAIN_ENTRY_CHECKS[kind];
  list.forEach((entry, index) => {
    // A plain entry is what the schema would give, keys in the file's order as a trusted text's are.
    if (plain?.(entry)) {
      entries.push(entry);
      return;
    }
    const parsed = schema.safeParse(entry);
    if (parsed.success) entries.push(parsed.data);
    else {
      problems.push(...entrySchemaProblems(kind, index, entry, parsed.error));
      rejected.push({ index, entry });
    }
  });
  return { state, entries, rejected };
}

/** Throws a CatalogLoadError naming the directory when it does not exist (or is not a directory). */
export async function assertDataDir(dir: string): Promise<void> {
  const dirStat = await stat(dir).catch(() => undefined);
  if (dirStat?.isDirectory()) return;
  throw new CatalogLoadError([
    {
      severity: 'error',
      code: 'missing-data-dir',
      file: dir,
      message: 'data directory not found (set --data or CATALOG_DATA_DIR)',
    },
  ]);
}

/**
 * Reads and schema-checks the three data files, collecting every problem instead of stopping at the
 * first. Never throws for bad data; `readCatalog` is the strict variant.
 */
export async function inspectCatalog(dir: string): Promise<InspectedCatalog> {
  const problems: CatalogProblem[] = [];
  await assertDataDir(dir);
  const files = {} as CatalogFiles;
  const lists = {} as Record<FileKind, unknown[]>;
  const rejected = {} as Record<FileKind, RejectedEntry[]>;
  await Promise.all(
    [...DATA_FILE_KINDS, 'links' as const].map(async (kind) => {
      const bytes = await readFile(join(dir, fileName(kind))).catch((err: NodeJS.ErrnoException) => {
        // No links file means no person's links: it is the one optional file.
        if (kind === 'links' && err.code === 'ENOENT') return undefined;
        problems.push({
          severity: 'error',
          code: err.code === 'ENOENT' ? 'missing-file' : 'unreadable-file',
          file: fileName(kind),
          message: err.code === 'ENOENT' ? `file not found in ${dir}` : `cannot read: ${err.message}`,
        });
        return undefined;
      });
      lists[kind] = [];
      rejected[kind] = [];
      if (kind !== 'links') files[kind] = {};
      if (bytes === undefined) return;
      const text = bytes.toString('utf8');
      const trusted = await knownValid(kind, text, bytes);
      // A text that passed before was within the depth limit: it parses as it did then.
      const parsed = trusted ? { ok: true as const, value: JSON.parse(text) as unknown } : parseJsonText(text);
      if (!parsed.ok) {
        problems.push({ severity: 'error', code: 'json-syntax', file: fileName(kind), message: parsed.message });
        files[kind] = { text };
        return;
      }
      const problemsBefore = problems.length;
      const { state, entries, rejected: bad } = inspectEnvelope(kind, parsed.value, problems, trusted);
      if (!trusted && problems.length === problemsBefore) rememberValid(kind, text, bytes);
      files[kind] = { ...state, text, ...(bad.length === 0 && problems.length === problemsBefore ? { entries } : {}) };
      lists[kind] = entries;
      rejected[kind] = bad;
    }),
  );
  return {
    catalog: {
      providers: lists.providers as Provider[],
      models: lists.models as Model[],
      overrides: lists.overrides as Override[],
      ...(files.links ? { links: lists.links as Link[] } : {}),
    },
    files,
    problems: sortProblems(problems),
    rejected,
  };
}

/** Reads the data files and throws a CatalogLoadError listing every schema problem, if any. */
export async function readCatalog(dir: string): Promise<{ catalog: Catalog; files: CatalogFiles }> {
  const inspected = await inspectCatalog(dir);
  if (inspected.problems.some((p) => p.severity === 'error')) throw new CatalogLoadError(inspected.problems);
  return { catalog: inspected.catalog, files: inspected.files };
}

const FILE_ORDER = [...DATA_FILE_KINDS, 'links' as const].map(fileName);
export function sortProblems(problems: CatalogProblem[]): CatalogProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => FILE_ORDER.indexOf(a.p.file) - FILE_ORDER.indexOf(b.p.file) || a.i - b.i)
    .map(({ p }) => p);
}

import { FILE_NAMES, type FileKind } from './schema/files.ts';

/** One thing wrong (or suspicious) in the data files, located precisely enough to fix by hand. */
export interface CatalogProblem {
  severity: 'error' | 'warning';
  /** A stable machine-readable code, e.g. `schema`, `duplicate-id`, `unknown-model`. */
  code: string;
  /** The data file's name, e.g. `overrides.json`. */
  file: string;
  /** Which entry: `models[12] "gpt-4o"`, or absent for a file-level problem. */
  entry?: string;
  /** Dotted path inside the entry, e.g. `pricing.input.per_million_tokens`. */
  field?: string;
  message: string;
}

export function fileName(kind: FileKind): string {
  return FILE_NAMES[kind];
}

/** A human label for an entry: its position and its identity. */
export function entryLabel(kind: FileKind, index: number, entry: unknown): string {
  const e = (entry ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
  if (kind === 'overrides') {
    const variant = e.variant === undefined ? '' : `variant ${str(e.variant)}, `;
    return `overrides[${index}] ${str(e.provider_id)}/${str(e.model_id)} (${variant}priority ${str(e.priority)})`;
  }
  if (kind === 'links') return `links[${index}] "${str(e.spelling)}" -> ${str(e.model_id)}`;
  return `${kind}[${index}] "${str(e.id)}"`;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

/** `overrides.json: overrides[3] groq/x (priority 0): pricing.input: price must not be negative` */
export function formatProblem(p: CatalogProblem): string {
  const where = [p.file, p.entry, p.field].filter(Boolean).join(': ');
  return `${where}: ${p.message}`;
}

export const errorsOf = (problems: readonly CatalogProblem[]): CatalogProblem[] =>
  problems.filter((p) => p.severity === 'error');

/** Thrown when the data files cannot be used at all; carries every problem found. */
export class CatalogLoadError extends Error {
  constructor(readonly problems: CatalogProblem[]) {
    const errors = errorsOf(problems);
    super(
      `the catalog data is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'CatalogLoadError';
  }
}

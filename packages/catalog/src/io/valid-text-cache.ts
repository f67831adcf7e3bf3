import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogProblem } from '../problems.ts';
import { FILE_NAMES, type FileKind } from '../schema/files.ts';
import { textSlices } from './text-slices.ts';

/**
 * Remembers data-file texts that passed their schema, so that a later read of the same text skips
 * the schema check of every entry: it is most of the cost of loading a large catalog, and every
 * command starts with a load of files that did not change since the last one.
 *
 * A text is known by a digest of itself, its kind and the code that checked it (the size and mtime
 * of the package's modules, or of the one bundle they are built into), so
 * a changed schema never trusts an old verdict. Only texts that passed are remembered; only those of
 * 64 KB or more: a small file checks faster than its digest is looked up, and the committed
 * providers.json (about 120 KB, 143 providers) took 6-8 ms to check. The entries are empty files
 * in the user's cache directory (`CATALOG_CACHE_DIR`, else `$XDG_CACHE_HOME/llm-catalog`, else
 * `~/.cache/llm-catalog`); `CATALOG_CACHE_DIR=off` turns it off.
 */
const MIN_TEXT_LENGTH = 64 * 1024;

let codeStamp: string | undefined;

/** `name:size:mtime` of a file, or of every file under a folder; empty when it does not exist. */
function stampOf(path: string): string[] {
  const s = statSync(path, { throwIfNoEntry: false });
  if (s?.isFile()) return [`${path}:${s.size}:${s.mtimeMs}`];
  if (!s?.isDirectory()) return [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => (name === 'node_modules' ? [] : stampOf(join(path, name))));
}

/**
 * What identifies the code that checks a text or a catalog: this module's file (the bundle, when it
 * is built into one) and, when it runs as a module of its package (sources or compiled), every file
 * of the package's code, whose schemas and integrity rules are spread over many modules.
 */
function codeIdentity(): string {
  if (codeStamp !== undefined) return codeStamp;
  const here = fileURLToPath(import.meta.url);
  const ownPackage = basename(dirname(here)) === 'io' ? stampOf(dirname(dirname(here))) : [];
  codeStamp = [...stampOf(here), ...ownPackage].join('\n');
  return codeStamp;
}

function cacheDir(): string | undefined {
  const configured = process.env.CATALOG_CACHE_DIR;
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'llm-catalog', 'valid-texts');
}

/** The last text of each kind digested, so that the verdict on a whole catalog does not digest it again. */
const digests = new Map<FileKind, { text: string; digest: string }>();

/**
 * The name of a text of a `kind` file under this code: a digest of the bytes it was read from when
 * given (the text's own UTF-8 form costs as much again to make), else of the text.
 */
function textDigest(kind: FileKind, text: string, bytes?: Uint8Array): string {
  const last = digests.get(kind);
  if (last?.text === text) return last.digest;
  const hash = createHash('sha1').update(codeIdentity()).update(`\u0000${kind}\u0000`);
  if (bytes) hash.update(bytes);
  // In slices: a large file's text is never one buffer as large as itself.
  else for (const slice of textSlices(text)) hash.update(slice);
  const digest = hash.digest('hex');
  digests.set(kind, { text, digest });
  return digest;
}

function entryPath(kind: FileKind, text: string, bytes?: Uint8Array): string | undefined {
  if (text.length < MIN_TEXT_LENGTH) return undefined;
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    return join(dir, textDigest(kind, text, bytes));
  } catch {
    return undefined;
  }
}

/** Whether this exact text of a `kind` file (read from `bytes`) passed its schema before, under the same code. */
export async function knownValid(kind: FileKind, text: string, bytes?: Uint8Array): Promise<boolean> {
  const path = entryPath(kind, text, bytes);
  if (!path) return false;
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Records that the text passed its schema. A cache that cannot be written is no cache, not an error. */
export function rememberValid(kind: FileKind, text: string, bytes?: Uint8Array): void {
  const path = entryPath(kind, text, bytes);
  if (!path) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, '');
  } catch {
    // Read-only home, full disk: the next load checks the text again.
  }
}

/** The texts of a catalog's data files, by kind; a file that does not exist has none. */
export type CatalogTexts = Partial<Record<FileKind, string>>;

/** Where the verdict on a whole catalog, these very texts together, is remembered. */
function verdictPath(texts: CatalogTexts): string | undefined {
  const kinds = Object.keys(FILE_NAMES) as FileKind[];
  if (kinds.reduce((n, kind) => n + (texts[kind]?.length ?? 0), 0) < MIN_TEXT_LENGTH) return undefined;
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    const hash = createHash('sha1').update('integrity');
    for (const kind of kinds) {
      const text = texts[kind];
      hash.update(`\u0000${kind}:${text === undefined ? '-' : textDigest(kind, text)}`);
    }
    return join(dir, `catalog-${hash.digest('hex')}`);
  } catch {
    return undefined;
  }
}

/**
 * The integrity warnings of a catalog whose texts, all together, passed every integrity rule before
 * under the same code; undefined when they did not, or nobody remembers. A catalog is a function of
 * its texts, and the rules of the catalog, so the verdict is the same as checking again.
 */
export function knownIntegrity(texts: CatalogTexts): CatalogProblem[] | undefined {
  const path = verdictPath(texts);
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as CatalogProblem[];
  } catch {
    return undefined;
  }
}

/** Records that a catalog passed its integrity rules, with the warnings they gave. Never written for errors. */
export function rememberIntegrity(texts: CatalogTexts, warnings: readonly CatalogProblem[]): void {
  if (warnings.some((p) => p.severity !== 'warning')) return;
  const path = verdictPath(texts);
  if (!path) return;
  // Written whole under another name, then renamed: a concurrent load never reads half a verdict.
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify(warnings));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}

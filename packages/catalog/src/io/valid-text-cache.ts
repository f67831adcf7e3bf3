import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { textSlices } from './text-slices.ts';
import type { FileKind } from '../schema/files.ts';

/**
 * Remembers data-file texts that passed their schema, so that a later read of the same text skips
 * the schema check of every entry: it is most of the cost of loading a large catalog, and every
 * command starts with a load of files that did not change since the last one.
 *
 * A text is known by a digest of itself, its kind and the code that checked it (the size and mtime
 * of the schema sources, or of the one bundle they are built into), so
 * a changed schema never trusts an old verdict. Only texts that passed are remembered; only large
 * ones, since a small file checks faster than its digest is looked up. The entries are empty files
 * in the user's cache directory (`CATALOG_CACHE_DIR`, else `$XDG_CACHE_HOME/llm-catalog`, else
 * `~/.cache/llm-catalog`); `CATALOG_CACHE_DIR=off` turns it off.
 */
const MIN_TEXT_LENGTH = 256 * 1024;

let codeStamp: string | undefined;

/** `name:size:mtime` of a file, or of every file of a folder; empty when it does not exist. */
function stampOf(path: string): string[] {
  const s = statSync(path, { throwIfNoEntry: false });
  if (s?.isFile()) return [`${path}:${s.size}:${s.mtimeMs}`];
  if (!s?.isDirectory()) return [];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const f = statSync(join(path, name), { throwIfNoEntry: false });
      return f?.isFile() ? [`${name}:${f.size}:${f.mtimeMs}`] : [];
    });
}

/**
 * What identifies the code that checks a text: this module's file (the bundle, when it is built
 * into one) and the schema folder beside it (when it runs from its sources), by size and mtime.
 */
function codeIdentity(): string {
  if (codeStamp !== undefined) return codeStamp;
  const here = fileURLToPath(import.meta.url);
  codeStamp = [...stampOf(here), ...stampOf(join(dirname(here), '..', 'schema'))].join('\n');
  return codeStamp;
}

function cacheDir(): string | undefined {
  const configured = process.env.CATALOG_CACHE_DIR;
  if (configured === 'off') return undefined;
  if (configured) return configured;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'llm-catalog', 'valid-texts');
}

function entryPath(kind: FileKind, text: string): string | undefined {
  if (text.length < MIN_TEXT_LENGTH) return undefined;
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    const hash = createHash('sha1').update(codeIdentity()).update(`\u0000${kind}\u0000`);
    // In slices: a large file's text is never one buffer as large as itself.
    for (const slice of textSlices(text)) hash.update(slice);
    const digest = hash.digest('hex');
    return join(dir, digest);
  } catch {
    return undefined;
  }
}

/** Whether this exact text of a `kind` file passed its schema before, under the same code. */
export async function knownValid(kind: FileKind, text: string): Promise<boolean> {
  const path = entryPath(kind, text);
  if (!path) return false;
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Records that the text passed its schema. A cache that cannot be written is no cache, not an error. */
export function rememberValid(kind: FileKind, text: string): void {
  const path = entryPath(kind, text);
  if (!path) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(path, '');
  } catch {
    // Read-only home, full disk: the next load checks the text again.
  }
}

import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { canonicalLinks, canonicalModels, canonicalOverrides, canonicalProviders, stableJson } from '../canonical.ts';
import { fileName } from '../problems.ts';
import { DATA_FILE_KINDS, type DataFileKind, type FileKind } from '../schema/files.ts';
import type { Link } from '../schema/link.ts';
import { parseJsonText } from './json-text.ts';
import { textSlices } from './text-slices.ts';
import type { Catalog, DataFileState } from './read.ts';

/** Where each data file points its editor for validation, relative to the data directory. */
export const schemaRefOf = (kind: FileKind) => `./schema/${kind}.schema.json`;

/** Today's date as a data-file version, in UTC so every machine agrees. */
export function versionForDate(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '.');
}

function canonicalList(kind: FileKind, catalog: Catalog): unknown[] {
  switch (kind) {
    case 'links':
      return canonicalLinks(catalog.links ?? []);
    case 'providers':
      return canonicalProviders(catalog.providers);
    case 'models':
      return canonicalModels(catalog.models);
    case 'overrides':
      return canonicalOverrides(catalog.overrides);
  }
}

/** The exact text of one data file. */
export function serializeDataFile(kind: FileKind, list: unknown[], version: string): string {
  return stableJson({ $schema: schemaRefOf(kind), version, [kind]: list });
}

/**
 * `serializeDataFile` of a list from `canonicalList`: its keys are in order already, so it is
 * written as it is instead of copied once more (a large catalog's copy costs more than its JSON).
 */
function serializeCanonical(kind: FileKind, list: unknown[], version: string): string {
  return `${JSON.stringify({ $schema: schemaRefOf(kind), version, [kind]: list }, null, 2)}\n`;
}

export interface PlannedFile<K extends FileKind = DataFileKind> {
  kind: K;
  /** The file's whole text, made when first asked for. */
  readonly text: string;
  changed: boolean;
  /** The text in pieces, for writing a large file without ever holding its whole text. */
  pieces(): Iterable<string>;
}

/** Entries serialized at once when a file is written in pieces: about half a megabyte of text. */
const PIECE_ENTRIES = 1000;

/**
 * `serializeCanonical` in pieces whose concatenation is its text: the envelope, then the entries a
 * thousand at a time, each group serialized inside a copy of the envelope's list so that it has the
 * list's indentation, and cut out of it.
 */
function* serializedPieces(kind: FileKind, list: readonly unknown[], version: string): Generator<string> {
  if (list.length <= PIECE_ENTRIES) {
    yield serializeCanonical(kind, [...list], version);
    return;
  }
  const listKey = JSON.stringify(kind);
  yield `{\n  "$schema": ${JSON.stringify(schemaRefOf(kind))},\n  "version": ${JSON.stringify(version)},\n  ${listKey}: [\n`;
  const open = `{\n  ${listKey}: [\n`.length;
  const close = '\n  ]\n}'.length;
  for (let start = 0; start < list.length; start += PIECE_ENTRIES) {
    const group = JSON.stringify({ [kind]: list.slice(start, start + PIECE_ENTRIES) }, null, 2);
    // Yielded apart, not joined: a joined piece is a second copy of the text when it is encoded.
    if (start > 0) yield ',\n';
    yield group.slice(open, group.length - close);
  }
  yield '\n  ]\n}\n';
}

/** A planned file whose text is made only if someone reads it; writing it streams its pieces. */
function plannedFile<K extends FileKind>(kind: K, changed: boolean, list: unknown[], version: string, text?: string): PlannedFile<K> {
  let whole = text;
  return {
    kind,
    changed,
    get text() {
      return (whole ??= serializeCanonical(kind, list, version));
    },
    pieces: () => (whole !== undefined ? [whole] : serializedPieces(kind, list, version)),
  };
}

/**
 * Computes the text of each data file. A file keeps its previous version unless its content changed,
 * in which case the version becomes `now`'s date; a canonical file whose content did not change keeps
 * its exact bytes and is not rewritten.
 */
export function planCatalogWrite(
  catalog: Catalog,
  previous: Partial<Record<DataFileKind, DataFileState>>,
  now: Date = new Date(),
): PlannedFile[] {
  return DATA_FILE_KINDS.map((kind) => planFile(kind, catalog, previous[kind], versionForDate(now)));
}

function planFile<K extends FileKind>(
  kind: K,
  catalog: Catalog,
  prev: DataFileState | undefined,
  nextVersion: string,
): PlannedFile<K> {
  const list = canonicalList(kind, catalog);
  if (prev?.text === undefined || !prev.version) return plannedFile(kind, true, list, nextVersion);
  // With the entries kept from the read, changed content is found without a text, so a large file
  // is serialized once, with its new version (no second copy of the text to change the version).
  if (prev.entries !== undefined && !sameEntries(kind, list, prev.entries)) return plannedFile(kind, true, list, nextVersion);
  const text = serializeCanonical(kind, list, prev.version);
  if (text === prev.text) return plannedFile(kind, false, list, prev.version, text);
  // Only the layout differs (a hand edit out of canonical order): rewrite it, but the content
  // and so the version are the same.
  if (prev.entries !== undefined || text === canonicalTextOf(kind, prev.text, prev.version)) {
    return plannedFile(kind, true, list, prev.version, text);
  }
  return plannedFile(kind, true, list, nextVersion, replaceVersion(text, prev.version, nextVersion));
}

/**
 * Whether the entries of a file as read are `list` (canonical), whatever the file's layout. Most
 * entries of a sync's result are the very objects read, and a changed file differs early.
 */
function sameEntries(kind: FileKind, list: readonly unknown[], entries: readonly unknown[]): boolean {
  if (entries.length !== list.length) return false;
  const old = canonicalList(kind, { providers: [], models: [], overrides: [], [kind]: entries } as Catalog);
  return old.every((entry, i) => sameCanonical(entry, list[i]));
}

/** Whether two canonical values serialize to the same text, without serializing them. */
function sameCanonical(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => sameCanonical(v, b[i]));
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (k, i) => k === keysB[i] && sameCanonical((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * Writes a person's links file when its content changed (same rules as the catalog files). Only
 * the identity commands call this: a sync or an import never writes links.
 */
export async function writeLinks(
  dir: string,
  links: readonly Link[],
  previous: DataFileState | undefined,
  now: Date = new Date(),
): Promise<boolean> {
  const planned = planFile('links', { providers: [], models: [], overrides: [], links: [...links] }, previous, versionForDate(now));
  if (planned.changed) await writeFileAtomic(join(dir, fileName('links')), planned.pieces());
  return planned.changed;
}

/** The envelope's `version` is always its second key, so the first match is the one to change. */
function replaceVersion(text: string, from: string, to: string): string {
  return text.replace(`\n  "version": "${from}",\n`, `\n  "version": "${to}",\n`);
}

/** The canonical text of a previously read file, or undefined when it has no list to canonicalize. */
function canonicalTextOf(kind: FileKind, text: string, version: string): string | undefined {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return undefined;
  const list = (parsed.value as Record<string, unknown> | null)?.[kind];
  if (!Array.isArray(list) || !list.every((x) => x !== null && typeof x === 'object')) return undefined;
  const catalog = { providers: [], models: [], overrides: [], [kind]: list } as Catalog;
  return serializeCanonical(kind, canonicalList(kind, catalog), version);
}

/** Encodes and writes a text slice by slice (see `textSlices`), and pieces one at a time, never all at once. */
async function writeInSlices(handle: FileHandle, text: string | Iterable<string>): Promise<void> {
  for (const piece of typeof text === 'string' ? [text] : text) {
    for (const slice of textSlices(piece)) {
      const bytes = Buffer.from(slice, 'utf8');
      for (let written = 0; written < bytes.length; ) {
        written += (await handle.write(bytes, written, bytes.length - written)).bytesWritten;
      }
    }
  }
}

/** `<file>.tmp-<pid>-<random>`: the pid tells a later process whether the writer is still alive. */
export const TEMP_FILE_PATTERN = /\.tmp-(\d+)-[0-9a-f]+$/;

/** Writes a file so that a reader (or a crash) only ever sees the old or the new content. */
export async function writeFileAtomic(path: string, text: string | Iterable<string>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(tmp, 'w');
    try {
      await writeInSlices(handle, text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * A write of the data files failed part way. `kept` lists the files that hold new content and could
 * not be put back (empty when the directory is exactly as it was before the write).
 */
export class CatalogWriteError extends Error {
  constructor(
    readonly failed: DataFileKind,
    readonly kept: DataFileKind[],
    readonly reason: string,
  ) {
    const state =
      kept.length === 0
        ? 'nothing was written (files already replaced were restored)'
        : `${kept.map(fileName).join(', ')} kept the new content and could not be restored; the other files are as before`;
    super(`could not write ${fileName(failed)} (${reason}); ${state}`);
    this.name = 'CatalogWriteError';
  }
}

/** providers.json goes last: its `last_synced` stamps must never describe models that did not land. */
const WRITE_ORDER: readonly DataFileKind[] = ['models', 'overrides', 'providers'];

/**
 * Writes the files whose content changed; returns the kinds written. When one write fails, the files
 * already replaced get their previous text back, and the CatalogWriteError says what, if anything,
 * could not be put back.
 */
export async function writeCatalog(
  dir: string,
  catalog: Catalog,
  previous: Partial<Record<DataFileKind, DataFileState>>,
  now: Date = new Date(),
): Promise<DataFileKind[]> {
  const planned = planCatalogWrite(catalog, previous, now).filter((f) => f.changed);
  const ordered = [...planned].sort((a, b) => WRITE_ORDER.indexOf(a.kind) - WRITE_ORDER.indexOf(b.kind));
  const replaced: DataFileKind[] = [];
  for (const f of ordered) {
    try {
      await writeFileAtomic(join(dir, fileName(f.kind)), f.pieces());
    } catch (err) {
      const kept = await restoreFiles(dir, replaced, previous);
      throw new CatalogWriteError(f.kind, kept, err instanceof Error ? err.message : String(err));
    }
    replaced.push(f.kind);
  }
  return planned.map((f) => f.kind);
}

/** Puts back the previous text of each file (removing one that did not exist); returns those it could not. */
async function restoreFiles(
  dir: string,
  kinds: readonly DataFileKind[],
  previous: Partial<Record<DataFileKind, DataFileState>>,
): Promise<DataFileKind[]> {
  const kept: DataFileKind[] = [];
  for (const kind of kinds) {
    const path = join(dir, fileName(kind));
    const text = previous[kind]?.text;
    try {
      if (text === undefined) await rm(path, { force: true });
      else await writeFileAtomic(path, text);
    } catch {
      kept.push(kind);
    }
  }
  return kept;
}

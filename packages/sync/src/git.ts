import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { posix, relative, sep } from 'node:path';
import {
  type Catalog,
  type CatalogProblem,
  DATA_FILE_KINDS,
  type DataFileKind,
  entryLabel,
  FILE_SCHEMAS,
  fileName,
  formatPath,
  formatProblem,
  parseJsonText,
  readCatalog,
} from '@llm-catalog/catalog';

/** Whole data files pass through stdout; the largest catalogs are tens of megabytes. */
const GIT_MAX_BUFFER = 512 * 1024 * 1024;

/** A git command failed, or the directory is not in a git work tree. The message is one line for a person. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitError';
  }
}

/** A data file stored at a git ref does not parse or does not match today's schema. */
export class HistoricalCatalogError extends Error {
  constructor(
    readonly ref: string,
    readonly problems: CatalogProblem[],
  ) {
    super(
      `the catalog at ${ref} cannot be read (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'HistoricalCatalogError';
  }
}

/** A person's uncommitted edits to the data files would be swept into a sync commit. */
export class DataFilesDirtyError extends Error {
  constructor(readonly files: string[]) {
    super(
      `uncommitted changes in ${files.join(', ')}; commit or discard them first so the sync commit holds only what the sync wrote`,
    );
    this.name = 'DataFilesDirtyError';
  }
}

interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs git without a shell. Resolves with the exit code instead of rejecting, so callers can read `--quiet` answers. */
function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      args,
      { cwd, maxBuffer: GIT_MAX_BUFFER, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new GitError(error.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : error.message));
          return;
        }
        resolvePromise({ stdout, stderr, code: error ? (error.code as number) : 0 });
      },
    );
  });
}

async function git(cwd: string, args: string[]): Promise<string> {
  const result = await runGit(cwd, args);
  if (result.code !== 0) {
    const detail = result.stderr.trim().split('\n')[0] ?? '';
    throw new GitError(`git ${args[0]} failed: ${detail || `exit code ${result.code}`}`);
  }
  return result.stdout;
}

/** Where the data directory sits in its repository. */
export interface DataRepo {
  root: string;
  /** The data directory relative to `root`, with `/` separators (`data`, or `` at the root). */
  dir: string;
  /** The three data files relative to `root`. */
  files: Record<DataFileKind, string>;
}

export async function locateDataRepo(dataDir: string): Promise<DataRepo> {
  const realDir = await realpath(dataDir).catch(() => {
    throw new GitError(`${dataDir}: data directory not found (set --data or CATALOG_DATA_DIR)`);
  });
  const result = await runGit(realDir, ['rev-parse', '--show-toplevel']);
  if (result.code !== 0) throw new GitError(`${dataDir} is not inside a git repository`);
  const root = await realpath(result.stdout.trim());
  const dir = relative(root, realDir).split(sep).join('/');
  const files = Object.fromEntries(
    DATA_FILE_KINDS.map((kind) => [kind, dir ? posix.join(dir, fileName(kind)) : fileName(kind)]),
  ) as Record<DataFileKind, string>;
  return { root, dir, files };
}

/** The full commit id of `ref`, or a clear error when it names no commit. */
export async function resolveCommit(repo: DataRepo, ref: string): Promise<string> {
  const result = await runGit(repo.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (result.code !== 0) throw new GitError(`unknown git ref "${ref}" (no such commit, branch or tag)`);
  return result.stdout.trim();
}

/** Parses one file's JSON value against today's schema; problems name the ref, file, entry and field. */
function parseDataFile(label: string, kind: DataFileKind, value: unknown): { entries?: unknown[]; problems: CatalogProblem[] } {
  const parsed = FILE_SCHEMAS[kind].safeParse(value);
  if (parsed.success) return { entries: (parsed.data as unknown as Record<DataFileKind, unknown[]>)[kind], problems: [] };
  const list = (value as Record<string, unknown> | null)?.[kind];
  const problems = parsed.error.issues.map((issue) => {
    const [top, index, ...rest] = issue.path;
    const problem: CatalogProblem = { severity: 'error', code: 'schema', file: label, message: issue.message };
    if (top === kind && typeof index === 'number' && Array.isArray(list)) {
      problem.entry = entryLabel(kind, index, list[index]);
      if (rest.length) problem.field = formatPath(rest);
    } else if (issue.path.length) {
      problem.field = formatPath(issue.path);
    }
    return problem;
  });
  return { problems };
}

/**
 * Parsed data files by git blob id. A history walk passes one in: most commits change one file, so
 * the others are parsed once, not once per commit.
 */
export type DataFileCache = Map<string, unknown[]>;

/**
 * Reads the data files stored at one commit (`ref` only labels problems). A file absent at that
 * commit is an empty list.
 */
export async function readCatalogAtCommit(
  repo: DataRepo,
  commit: string,
  ref: string,
  cache?: DataFileCache,
): Promise<Catalog> {
  const listed = await git(repo.root, ['ls-tree', '-z', commit, '--', ...Object.values(repo.files)]);
  const blobs = new Map<string, string>();
  for (const entry of listed.split('\0').filter(Boolean)) {
    const [meta = '', path = ''] = entry.split('\t');
    blobs.set(path, meta.split(' ')[2] ?? '');
  }
  const lists: Record<DataFileKind, unknown[]> = { providers: [], models: [], overrides: [] };
  const problems: CatalogProblem[] = [];
  await Promise.all(
    DATA_FILE_KINDS.map(async (kind) => {
      const path = repo.files[kind];
      const blob = blobs.get(path);
      if (!blob) return;
      const cached = cache?.get(blob);
      if (cached) {
        lists[kind] = cached;
        return;
      }
      const text = await git(repo.root, ['cat-file', 'blob', blob]);
      const label = `${ref}:${path}`;
      const parsed = parseJsonText(text);
      if (!parsed.ok) {
        problems.push({ severity: 'error', code: 'json-syntax', file: label, message: parsed.message });
        return;
      }
      const file = parseDataFile(label, kind, parsed.value);
      problems.push(...file.problems);
      if (file.entries) {
        lists[kind] = file.entries;
        cache?.set(blob, file.entries);
      }
    }),
  );
  if (problems.length) {
    const order = DATA_FILE_KINDS.map((k) => `${ref}:${repo.files[k]}`);
    problems.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file));
    throw new HistoricalCatalogError(ref, problems);
  }
  return lists as unknown as Catalog;
}

/**
 * The catalog as stored at a git ref (read with `git show`, no checkout), or in the work tree when
 * `ref` is undefined. Historical files are checked against today's schemas; a file that fails names
 * the ref, file, entry and field.
 */
export async function readCatalogAtRef(dataDir: string, ref: string | undefined): Promise<Catalog> {
  if (ref === undefined) return (await readCatalog(dataDir)).catalog;
  const repo = await locateDataRepo(dataDir);
  const commit = await resolveCommit(repo, ref);
  return readCatalogAtCommit(repo, commit, ref);
}

/** Throws DataFilesDirtyError when any data file differs from HEAD or is untracked. */
export async function assertDataFilesClean(dataDir: string): Promise<void> {
  const repo = await locateDataRepo(dataDir);
  const status = await git(repo.root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...Object.values(repo.files)]);
  const dirty = status
    .split('\0')
    .filter((entry) => entry.length > 3)
    .map((entry) => entry.slice(3))
    .filter((path) => Object.values(repo.files).includes(path));
  if (dirty.length) throw new DataFilesDirtyError([...new Set(dirty)].sort());
}

/**
 * Commits the three data files, and nothing else that happens to be staged, with `message`.
 * Returns `committed: false` when they equal HEAD.
 */
export async function commitDataFiles(dataDir: string, message: string): Promise<{ committed: boolean; sha?: string }> {
  const repo = await locateDataRepo(dataDir);
  const paths = Object.values(repo.files);
  await git(repo.root, ['add', '--', ...paths]);
  const diff = await runGit(repo.root, ['diff', '--cached', '--quiet', '--', ...paths]);
  if (diff.code === 0) return { committed: false };
  if (diff.code !== 1) throw new GitError(`git diff failed: ${diff.stderr.trim().split('\n')[0] ?? ''}`);
  await git(repo.root, ['commit', '--quiet', '--only', '-m', message, '--', ...paths]);
  const sha = (await git(repo.root, ['rev-parse', 'HEAD'])).trim();
  return { committed: true, sha };
}

export interface DataCommit {
  sha: string;
  /** Committer date, ISO 8601. */
  date: string;
  subject: string;
}

/** Commits that touched the given data files, newest first, at most `limit`. */
export async function logDataCommits(
  repo: DataRepo,
  kinds: readonly DataFileKind[],
  options: { limit: number; ref?: string },
): Promise<DataCommit[]> {
  const args = ['log', `--max-count=${options.limit}`, '--format=%H%x1f%cI%x1f%s'];
  if (options.ref) args.push(await resolveCommit(repo, options.ref));
  const out = await git(repo.root, [...args, '--', ...kinds.map((k) => repo.files[k])]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha = '', date = '', subject = ''] = line.split('\x1f');
      return { sha, date, subject };
    });
}

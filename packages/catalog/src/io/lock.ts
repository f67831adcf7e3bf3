import { randomBytes } from 'node:crypto';
import { link, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { assertDataDir } from './read.ts';
import { TEMP_FILE_PATTERN } from './write.ts';

export const LOCK_FILE = '.catalog.lock';

export class LockHeldError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holderPid?: number,
  ) {
    super(
      `another catalog command is writing this data directory (lock ${lockPath}` +
        (holderPid ? `, held by pid ${holderPid}` : '') +
        '); wait for it to finish, or delete the lock file if that process is gone',
    );
    this.name = 'LockHeldError';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process started, in clock ticks since boot, where the platform tells (Linux `/proc`).
 * A pid and its start time name one process for good: a later process reusing the pid differs.
 */
async function startTimeOf(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // The command name in parentheses may hold spaces; the fields after it are plain. Start time is field 22.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

/** The executable a process runs, where the platform tells. */
async function executableOf(pid: number): Promise<string | undefined> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  return cmdline === undefined ? undefined : basename(cmdline.split('\0')[0] ?? '');
}

/** The lock's text: the holder's pid, then its start time when known. */
async function lockText(): Promise<string> {
  const started = await startTimeOf(process.pid);
  return `${process.pid}\n${started ? `${started}\n` : ''}`;
}

interface LockHolder {
  pid?: number;
  started?: string;
}

function parseLock(text: string): LockHolder {
  const [pidLine, started] = text.split('\n').map((l) => l.trim());
  const pid = Number(pidLine);
  return {
    ...(pidLine && Number.isSafeInteger(pid) && pid > 0 ? { pid } : {}),
    ...(started ? { started } : {}),
  };
}

/**
 * Whether the process a lock names may still be writing. A lock with no pid (empty: its writer was
 * killed while creating it; unreadable; garbage) cannot be held by anyone. Where the platform tells,
 * a live pid whose start time differs from the recorded one, or that runs something other than Node
 * when no start time was recorded, is a reused pid, not the holder.
 */
async function holderAlive(holder: LockHolder): Promise<boolean> {
  if (holder.pid === undefined || !processAlive(holder.pid)) return false;
  if (holder.started !== undefined) {
    const started = await startTimeOf(holder.pid);
    return started === undefined || started === holder.started;
  }
  const executable = await executableOf(holder.pid);
  return executable === undefined || /node/i.test(executable);
}

/** Writes the lock's full content to a temp file first, so the lock never exists empty. */
async function createLock(lockPath: string, text: string): Promise<boolean> {
  const tmp = `${lockPath}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
    await link(tmp, lockPath);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await rm(tmp, { force: true });
  }
}

/**
 * Removes a stale lock unless another process replaced it meanwhile: the lock is moved aside first
 * and put back when what was moved is not what was judged stale.
 */
async function removeStaleLock(lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = await readFile(aside, 'utf8').catch(() => '');
  if (moved !== staleText) await link(aside, lockPath).catch(() => undefined);
  await rm(aside, { force: true });
}

/**
 * Takes an exclusive lock on a data directory, failing fast when another live catalog process holds
 * it. The lock file appears atomically with its content (temp file, then a hard link that fails when
 * the lock exists). A stale lock (see `holderAlive`) is taken over.
 */
export async function acquireDataLock(dir: string): Promise<() => Promise<void>> {
  await assertDataDir(dir);
  const lockPath = join(dir, LOCK_FILE);
  const text = await lockText();
  let holder: LockHolder = {};
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createLock(lockPath, text)) {
      await removeOrphanedTempFiles(dir);
      return async () => {
        await rm(lockPath, { force: true });
      };
    }
    const current = await readFile(lockPath, 'utf8').catch((err: NodeJS.ErrnoException) =>
      err.code === 'ENOENT' ? undefined : '',
    );
    if (current === undefined) continue;
    holder = parseLock(current);
    if (await holderAlive(holder)) break;
    await removeStaleLock(lockPath, current);
  }
  throw new LockHeldError(lockPath, holder.pid);
}

/**
 * A writer killed between writing its temp file and renaming it leaves the temp file behind; the
 * data files themselves are intact. Whoever holds the lock next removes those of dead processes.
 */
async function removeOrphanedTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(TEMP_FILE_PATTERN.exec(name)?.[1]);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid)) {
        await rm(join(dir, name), { force: true });
      }
    }),
  );
}

export async function withDataLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const release = await acquireDataLock(dir);
  try {
    return await fn();
  } finally {
    await release();
  }
}

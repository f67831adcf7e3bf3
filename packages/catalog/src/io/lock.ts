import { open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
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
 * Takes an exclusive lock on a data directory, failing fast when another live process holds it.
 * A lock left by a process that died is taken over.
 */
export async function acquireDataLock(dir: string): Promise<() => Promise<void>> {
  const lockPath = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      await removeOrphanedTempFiles(dir);
      return async () => {
        await rm(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) {
        await rm(lockPath, { force: true });
        continue;
      }
      throw new LockHeldError(lockPath, Number.isInteger(pid) && pid > 0 ? pid : undefined);
    }
  }
  throw new LockHeldError(lockPath);
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

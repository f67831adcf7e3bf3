import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CatalogLoadError } from '../problems.ts';
import { acquireDataLock, LOCK_FILE, LockHeldError, withDataLock } from './lock.ts';

/** Makes the next file write fail, as a kill between creating a file and filling it would. */
const failNextWrite = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    if (!failNextWrite.on) return handle;
    failNextWrite.on = false;
    return new Proxy(handle, {
      get(target, prop) {
        if (prop === 'writeFile') return () => Promise.reject(Object.assign(new Error('killed'), { code: 'EIO' }));
        const value: unknown = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return { ...actual, open, default: { ...actual, open } };
});

const hasProc = existsSync('/proc/self/stat');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'llm-catalog-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the data directory lock', () => {
  it('records the holder pid and is removed on release', async () => {
    const release = await acquireDataLock(dir);
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).split('\n')[0]).toBe(String(process.pid));
    await release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('a second taker fails fast, naming the live holder', async () => {
    const release = await acquireDataLock(dir);
    const error = await acquireDataLock(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockHeldError);
    expect((error as LockHeldError).holderPid).toBe(process.pid);
    expect((error as LockHeldError).message).toContain(`held by pid ${process.pid}`);
    await release();
  });

  it('a lock left by a process that has exited is taken over', async () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dir, LOCK_FILE), String(exited));
    const release = await acquireDataLock(dir);
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).split('\n')[0]).toBe(String(process.pid));
    await release();
  });

  it('a taker that dies before the content is written leaves no lock, so the next run proceeds', async () => {
    failNextWrite.on = true;
    await expect(acquireDataLock(dir)).rejects.toThrow('killed');
    expect(await readdir(dir)).toEqual([]);
    const release = await acquireDataLock(dir);
    await release();
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a pid\n'],
    ['a zero pid', '0\n'],
  ])('a lock that is %s is stale and taken over', async (_what, text) => {
    await writeFile(join(dir, LOCK_FILE), text);
    const release = await acquireDataLock(dir);
    expect((await readFile(join(dir, LOCK_FILE), 'utf8')).split('\n')[0]).toBe(String(process.pid));
    await release();
  });

  it.skipIf(!hasProc)('a live pid that is not a catalog process (a reused pid) does not hold the lock', async () => {
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(join(dir, LOCK_FILE), `${other.pid}\n`);
      const release = await acquireDataLock(dir);
      await release();
    } finally {
      other.kill('SIGKILL');
    }
  });

  it.skipIf(!hasProc)('a live pid whose start time differs from the recorded one does not hold the lock', async () => {
    await writeFile(join(dir, LOCK_FILE), `${process.pid}\n1\n`);
    const release = await acquireDataLock(dir);
    await release();
  });

  it('a missing data directory is named, not reported as a raw ENOENT of the lock file', async () => {
    const missing = join(dir, 'nope');
    const error = await acquireDataLock(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogLoadError);
    expect((error as CatalogLoadError).problems[0]).toMatchObject({ code: 'missing-data-dir', file: missing });
  });

  it("the next lock holder removes temp files of a writer that was killed, and keeps a live writer's", async () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    const orphan = `overrides.json.tmp-${exited}-0a1b2c3d`;
    const live = `models.json.tmp-${process.pid}-deadbeef`;
    await Promise.all([orphan, live, 'models.json'].map((f) => writeFile(join(dir, f), '{}')));
    const release = await acquireDataLock(dir);
    await release();
    expect((await readdir(dir)).sort()).toEqual(['models.json', live]);
  });

  it('withDataLock releases the lock when the work throws', async () => {
    await expect(
      withDataLock(dir, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });
});

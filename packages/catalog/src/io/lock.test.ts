import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE, LockHeldError, withDataLock } from './lock.ts';

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
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
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
    expect(await readFile(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    await release();
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

/**
 * `kill -9` at random points of a real `catalog sync` process, many times over: after every kill the
 * data files are valid (each the old or the new version), and the next run proceeds, whatever the
 * killed process left behind (a lock, temp files).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Provider, validateDataDir } from '@llm-catalog/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticListBody } from '@llm-catalog/testkit/mock-server/synthetic';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const CLI = join(REPO_ROOT, 'packages/cli/bin/catalog.mjs');
const DATA_FILES = ['providers.json', 'models.json', 'overrides.json'] as const;
const MIN_KILLS = 20;
/** The loop stops here even when fewer kills landed, and the test then fails: bounded in time. */
const TIME_BUDGET_MS = 90_000;
const ENV = { PATH: process.env.PATH, BIG_API_KEY: 'canary-big-kill-0f3e9a' };

let server: Server;
let tmp: TempDataDir;

beforeAll(async () => {
  const body = JSON.stringify(syntheticListBody(Array.from({ length: 400 }, (_, n) => n)));
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const big: Provider = {
    id: 'big',
    name: 'Big',
    authentication: 'API_KEY',
    formats: [{ format: 'OPENAI', base_url: `${url}/v1`, default: true }],
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [{ url: `${url}/v1/models`, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' }],
    },
  };
  tmp = await makeTempDataDir({ providers: [big] });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await tmp?.cleanup();
});

const texts = () => Promise.all(DATA_FILES.map((f) => readFile(join(tmp.dir, f), 'utf8')));
const restore = (saved: string[]) => Promise.all(DATA_FILES.map((f, i) => writeFile(join(tmp.dir, f), saved[i]!)));

function startSync(): { child: ChildProcess; exited: Promise<void>; startedAt: number } {
  const child = spawn(process.execPath, [CLI, '--data', tmp.dir, 'sync', 'big'], { env: ENV, stdio: 'ignore' });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { child, exited, startedAt: Date.now() };
}

describe('a sync killed with SIGKILL at random points', () => {
  it(`leaves valid data every time, and the next run proceeds (at least ${MIN_KILLS} kills)`, { timeout: TIME_BUDGET_MS + 30_000 }, async () => {
    const old = await texts();
    // The first start may rebuild the CLI bundle; the second, measured, is how long a sync takes.
    await startSync().exited;
    await restore(old);
    const reference = startSync();
    await reference.exited;
    const durationMs = Date.now() - reference.startedAt;
    const fresh = await texts();
    expect(fresh[1]).not.toBe(old[1]);

    const started = Date.now();
    let kills = 0;
    let seed = 0x9e3779b9;
    // A fixed pseudo-random sequence: the kill points differ from one another but every run is the same test.
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
    while (kills < MIN_KILLS && Date.now() - started < TIME_BUDGET_MS) {
      await restore(old);
      const run = startSync();
      await new Promise((done) => setTimeout(done, Math.floor(random() * durationMs * 1.1)));
      if (run.child.exitCode === null && run.child.signalCode === null) {
        run.child.kill('SIGKILL');
        kills++;
      }
      await run.exited;

      const errors = (await validateDataDir(tmp.dir)).filter((p) => p.severity === 'error');
      expect(errors, `after kill ${kills}`).toEqual([]);
      const now = await texts();
      for (const i of [1, 2]) expect([old[i], fresh[i]], `${DATA_FILES[i]} after kill ${kills}`).toContain(now[i]);

      const next = await runCliCaptured(['--data', tmp.dir, 'sync', 'big'], { env: ENV });
      expect(next.stderr, `the run after kill ${kills}`).toBe('');
      expect(next.code, `the run after kill ${kills}`).toBe(0);
      expect((await texts()).slice(1)).toEqual(fresh.slice(1));
    }
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  });
});

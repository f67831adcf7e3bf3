/**
 * `sync` and `import` end to end: the real CLI against the mock provider server on 127.0.0.1, on a
 * throwaway data directory whose providers point at it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Catalog,
  type Provider,
  readCatalog,
  validateDataDir,
  writeCatalog,
} from '@llm-catalog/catalog';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureRoute, PROVIDER_FIXTURES } from '@llm-catalog/testkit/fixtures';
import type { MockRoute } from '@llm-catalog/testkit/mock-server/routes';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { syntheticListBody, syntheticModelId } from '@llm-catalog/testkit/mock-server/synthetic';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const DATA_FILES = ['providers.json', 'models.json', 'overrides.json'] as const;
/** Keys that must never leave the process: each is unique so any leak is found by a plain search. */
const KEYS = {
  ALPHA_API_KEY: 'canary-alpha-5d0c9e1f7b3a',
  BETA_API_KEY: 'canary-beta-82e4a6c0d1f9',
  ANTHROPIC_API_KEY: 'canary-anthropic-3b7f19ac',
  GEMINI_API_KEY: 'canary-gemini-e60d24b8',
  OPENROUTER_API_KEY: 'canary-openrouter-14c9f3',
};
/** Fast failure in tests: short timeouts, one quick retry. */
const FAST = ['--timeout', '400', '--retries', '1', '--retry-delay', '1'];

let mock: MockServer;
let tmp: TempDataDir;

function provider(id: string, path: string, over: Partial<Provider> = {}, transformer = 'openai'): Provider {
  const format = transformer === 'anthropic' ? 'ANTHROPIC' : transformer === 'gemini' ? 'GEMINI' : 'OPENAI';
  return {
    id,
    name: id,
    authentication: 'API_KEY',
    formats: [{ format, base_url: `${mock.url}/${id}`, default: true }],
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [
        {
          url: `${mock.url}${path}`,
          endpoint_type: format === 'ANTHROPIC' ? 'MESSAGES' : format === 'GEMINI' ? 'GENERATE_CONTENT' : 'CHAT_COMPLETIONS',
          format,
          transformer: transformer as 'openai',
        },
      ],
    },
    ...over,
  };
}

const listRoute = (id: string, numbers: number[], over: Partial<MockRoute> = {}): MockRoute => ({
  path: `/${id}/v1/models`,
  pages: [syntheticListBody(numbers)],
  ...over,
});

async function setup(providers: Provider[], routes: MockRoute[], catalog: Partial<Catalog> = {}) {
  for (const r of routes) mock.setRoute(r);
  tmp = await makeTempDataDir({ providers, ...catalog });
}

const dataTexts = async (dir = tmp.dir) =>
  Object.fromEntries(await Promise.all(DATA_FILES.map(async (f) => [f, await readFile(join(dir, f), 'utf8')]))) as Record<
    (typeof DATA_FILES)[number],
    string
  >;

const sync = (args: string[], env: NodeJS.ProcessEnv = KEYS, options: { isTTY?: boolean } = {}) =>
  runCliCaptured(['--data', tmp.dir, 'sync', ...args], { env, ...options });

const overridesOf = (catalog: Catalog, providerId: string) =>
  catalog.overrides.filter((o) => o.provider_id === providerId);

function expectNoKeyIn(...texts: string[]) {
  for (const text of texts) for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
}

beforeEach(async () => {
  mock = await startMockServer();
});
afterEach(async () => {
  await mock.close();
  await tmp?.cleanup();
});

describe('sync', () => {
  it('the first sync populates the catalog; a second of the same bodies leaves every file byte-identical', async () => {
    await setup(
      [provider('alpha', '/alpha/v1/models'), provider('beta', '/beta/v1/models')],
      [listRoute('alpha', [1, 2, 3]), listRoute('beta', [3, 4])],
    );
    const first = await sync(['--all']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^keys found: ALPHA_API_KEY, BETA_API_KEY$/m);
    expect(first.stdout).toMatch(/^alpha: fetched 3 models in \d+\.\ds$/m);
    expect(first.stdout).toMatch(/^alpha\s+updated\s+3\s+3\s+0\s+0\s+\d+\.\d$/m);
    expect(first.stdout).toContain('wrote providers.json, models.json, overrides.json');
    const { catalog } = await readCatalog(tmp.dir);
    expect(catalog.models.map((m) => m.id)).toEqual([1, 2, 3, 4].map((n) => syntheticModelId(n)));
    expect(overridesOf(catalog, 'alpha')).toHaveLength(3);
    expect(catalog.providers.every((p) => p.models_api?.last_synced)).toBe(true);
    expect((await validateDataDir(tmp.dir)).filter((p) => p.severity === 'error')).toEqual([]);

    const before = await dataTexts();
    const second = await sync(['--all']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^alpha\s+unchanged/m);
    expect(second.stdout).toContain('nothing changed; no file written');
    expect(await dataTexts()).toEqual(before);
  });

  it('a changed price changes only that override, and stamps last_synced only on that provider', async () => {
    await setup(
      [provider('alpha', '/alpha/v1/models'), provider('beta', '/beta/v1/models')],
      [listRoute('alpha', [1, 2, 3]), listRoute('beta', [4])],
    );
    expect((await sync(['--all'])).code).toBe(0);
    const before = (await readCatalog(tmp.dir)).catalog;

    const body = syntheticListBody([1, 2, 3]);
    (body.data[1]!.pricing as Record<string, string>).prompt = '0.00000777';
    mock.setRoute({ path: '/alpha/v1/models', pages: [body] });
    const run = await sync(['--all']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^alpha\s+updated\s+3\s+0\s+1\s+0/m);
    expect(run.stdout).toMatch(/^beta\s+unchanged/m);

    const after = (await readCatalog(tmp.dir)).catalog;
    const changedId = syntheticModelId(2);
    const differing = after.overrides.filter(
      (o) => JSON.stringify(o) !== JSON.stringify(before.overrides.find((b) => b.provider_id === o.provider_id && b.model_id === o.model_id)),
    );
    expect(differing.map((o) => `${o.provider_id}/${o.model_id}`)).toEqual([`alpha/${changedId}`]);
    expect(differing[0]?.pricing?.input?.per_million_tokens).toBe(7.77);
    // alpha added that base model, so the base price is alpha's to refresh; nothing else in it moves.
    const baseOf = (cat: Catalog) => cat.models.find((m) => m.id === changedId);
    expect(baseOf(after)).toEqual({ ...baseOf(before), pricing: { ...baseOf(before)?.pricing, input: differing[0]?.pricing?.input } });
    expect(after.models.filter((m) => m.id !== changedId)).toEqual(before.models.filter((m) => m.id !== changedId));
    const stamp = (cat: Catalog, id: string) => cat.providers.find((p) => p.id === id)?.models_api?.last_synced;
    expect(stamp(after, 'beta')).toBe(stamp(before, 'beta'));
  });

  it('a vanished model loses its auto override; its manual override stays and is reported once', async () => {
    await setup([provider('alpha', '/alpha/v1/models')], [listRoute('alpha', [1, 2, 3])]);
    expect((await sync(['alpha'])).code).toBe(0);
    const { catalog, files } = await readCatalog(tmp.dir);
    const gone = syntheticModelId(3);
    const manual = { provider_id: 'alpha', model_id: gone, priority: 100, reason: 'negotiated price' };
    await writeCatalog(tmp.dir, { ...catalog, overrides: [...catalog.overrides, manual] }, files);

    mock.setRoute(listRoute('alpha', [1, 2]));
    const run = await sync(['alpha']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^alpha\s+updated\s+2\s+0\s+0\s+1/m);
    expect(run.stdout).toMatch(new RegExp(`^notes:\\n  alpha: .*${gone}`, 'm'));
    const after = (await readCatalog(tmp.dir)).catalog;
    expect(overridesOf(after, 'alpha').filter((o) => o.model_id === gone)).toEqual([manual]);
    // The note was news once: the next sync of the same list changes nothing and says nothing.
    const json = JSON.parse((await sync(['alpha', '--json'])).stdout);
    expect(json.providers[0]).toMatchObject({ id: 'alpha', status: 'unchanged' });
    expect(json.providers[0].notes).toBeUndefined();
  });

  const faults: [string, (id: string) => MockRoute][] = [
    ['a bare [] body', (id) => ({ path: `/${id}/v1/models`, pages: [[]] })],
    ['an empty list', (id) => listRoute(id, [4, 5], { fault: { kind: 'empty-list' } })],
    ['HTTP 500', (id) => listRoute(id, [4, 5], { fault: { kind: 'server-error', status: 500 } })],
    ['an HTML page', (id) => listRoute(id, [4, 5], { fault: { kind: 'html-error', status: 200 } })],
    ['truncated JSON', (id) => listRoute(id, [4, 5], { fault: { kind: 'truncated-json', mode: 'body' } })],
    ['a dropped connection', (id) => listRoute(id, [4, 5], { fault: { kind: 'truncated-json', mode: 'connection' } })],
    ['an answer slower than --timeout', (id) => listRoute(id, [4, 5], { fault: { kind: 'slow', delayMs: 2_000 } })],
    ['an error in a 200 body', (id) => listRoute(id, [4, 5], { fault: { kind: 'error-body', style: 'error-object' } })],
  ];
  it.each(faults)('a provider answering %s fails with its data untouched while the others update (exit 1)', async (_, route) => {
    await setup(
      [provider('alpha', '/alpha/v1/models'), provider('beta', '/beta/v1/models')],
      [listRoute('alpha', [1, 2]), listRoute('beta', [4, 5])],
    );
    expect((await sync(['--all'])).code).toBe(0);
    const before = (await readCatalog(tmp.dir)).catalog;
    mock.setRoute(listRoute('alpha', [1, 2, 3]));
    mock.setRoute(route('beta'));

    const run = await sync(['--all', ...FAST]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^alpha\s+updated/m);
    expect(run.stdout).toMatch(/^beta\s+failed/m);
    expect(run.stderr).toMatch(/^error beta: \S/m);
    const after = (await readCatalog(tmp.dir)).catalog;
    expect(overridesOf(after, 'beta')).toEqual(overridesOf(before, 'beta'));
    expect(after.providers.find((p) => p.id === 'beta')).toEqual(before.providers.find((p) => p.id === 'beta'));
    expect(overridesOf(after, 'alpha')).toHaveLength(3);
  });

  it('retries a 429, waiting what Retry-After asks, and succeeds', async () => {
    await setup(
      [provider('alpha', '/alpha/v1/models')],
      [listRoute('alpha', [1], { fault: { kind: 'rate-limit', times: 1, retryAfter: '1' } })],
    );
    const started = Date.now();
    const run = await sync(['alpha', '--retry-delay', '1']);
    expect(run.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(run.stdout).toMatch(/^alpha: retry 1 in 1\.0s \(HTTP 429 .*\)$/m);
    expect(mock.requests.filter((r) => r.path === '/alpha/v1/models')).toHaveLength(2);
  });

  it('sends each auth style and follows Anthropic and Gemini paging', async () => {
    const byId = (id: string) => PROVIDER_FIXTURES.find((f) => f.providerId === id)!;
    const anthropic = await fixtureRoute(byId('anthropic'), 'initial');
    const gemini = await fixtureRoute(byId('gemini'), 'initial');
    await setup(
      [
        provider('anthropic', anthropic.path, {}, 'anthropic'),
        provider('gemini', gemini.path, {}, 'gemini'),
        provider('alpha', '/alpha/v1/models'),
      ],
      [anthropic, gemini, listRoute('alpha', [1])],
    );
    const run = await sync(['--all']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const to = (path: string) => mock.requests.filter((r) => r.path === path);
    expect(to(anthropic.path)).toHaveLength(2);
    expect(to(anthropic.path)[0]?.headers['x-api-key']).toBe(KEYS.ANTHROPIC_API_KEY);
    expect(to(anthropic.path)[0]?.headers['anthropic-version']).toBeTruthy();
    expect(to(anthropic.path)[1]?.query.after_id).toBeTruthy();
    expect(to(gemini.path)).toHaveLength(2);
    expect(to(gemini.path)[0]?.headers['x-goog-api-key']).toBe(KEYS.GEMINI_API_KEY);
    expect(to(gemini.path)[1]?.query.pageToken).toBeTruthy();
    expect(to(gemini.path).every((r) => r.query.key === undefined)).toBe(true);
    expect(to('/alpha/v1/models')[0]?.headers.authorization).toBe(`Bearer ${KEYS.ALPHA_API_KEY}`);
    const json = JSON.parse((await sync(['--all', '--json'])).stdout);
    const fetched = Object.fromEntries(json.providers.map((p: { id: string; fetched: number }) => [p.id, p.fetched]));
    const pages = (r: MockRoute) => r.pages as { data?: unknown[]; models?: unknown[] }[];
    expect(fetched.anthropic).toBe(pages(anthropic).reduce((n, p) => n + (p.data?.length ?? 0), 0));
    expect(fetched.gemini).toBe(pages(gemini).reduce((n, p) => n + (p.models?.length ?? 0), 0));
  });

  it('a key never appears in any output, report or file, on success or failure', async () => {
    await setup(
      [provider('alpha', '/alpha/v1/models'), provider('beta', '/beta/v1/models')],
      [listRoute('alpha', [1, 2]), listRoute('beta', [3], { fault: { kind: 'unauthorized', echoKey: true } })],
    );
    const report = join(dirname(tmp.dir), 'report.md');
    const failing = await sync(['--all', '--report', report]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('error beta: HTTP 401 Incorrect API key provided: [redacted]');
    const failingReport = await readFile(report, 'utf8');
    expect(failingReport).toContain('**beta**: HTTP 401 Incorrect API key provided: [redacted]');
    const json = await sync(['--all', '--json']);
    expect(JSON.parse(json.stdout).providers[1].error).toMatch(/^HTTP 401 /);
    mock.setRoute(listRoute('beta', [3]));
    const succeeding = await sync(['--all', '--verbose', '--report', report]);
    expect(succeeding.code).toBe(0);
    const files = await dataTexts();
    expectNoKeyIn(
      failing.stdout,
      failing.stderr,
      failingReport,
      json.stdout,
      json.stderr,
      succeeding.stdout,
      succeeding.stderr,
      await readFile(report, 'utf8'),
      ...Object.values(files),
    );
  });

  it('a provider whose key is missing is skipped and listed, not failed (exit 0)', async () => {
    await setup(
      [provider('alpha', '/alpha/v1/models'), provider('beta', '/beta/v1/models')],
      [listRoute('alpha', [1]), listRoute('beta', [2])],
    );
    const run = await sync(['--all'], { ALPHA_API_KEY: KEYS.ALPHA_API_KEY });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^keys missing \(skipped\): BETA_API_KEY \(beta\)$/m);
    expect(run.stdout).toMatch(/^beta\s+skipped\s+-/m);
    expect(mock.requests.some((r) => r.path === '/beta/v1/models')).toBe(false);
  });

  it('--json prints exactly one document in the shape the README documents', async () => {
    await setup(
      [provider('alpha', '/alpha/v1/models'), provider('beta', '/beta/v1/models'), provider('gamma', '/gamma/v1/models')],
      [listRoute('alpha', [1, 2]), listRoute('beta', [3], { fault: { kind: 'server-error', status: 500 } })],
    );
    const run = await sync(['--all', '--json', ...FAST], { ALPHA_API_KEY: KEYS.ALPHA_API_KEY, BETA_API_KEY: KEYS.BETA_API_KEY });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc.providers).toEqual([
      { id: 'alpha', status: 'updated', fetched: 2, added: 2, changed: 0, removed: 0, duration_ms: expect.any(Number) },
      {
        id: 'beta',
        status: 'failed',
        fetched: 0,
        added: 0,
        changed: 0,
        removed: 0,
        error: 'HTTP 500 The server is temporarily overloaded. Please retry. (after 2 attempts)',
        duration_ms: expect.any(Number),
      },
      {
        id: 'gamma',
        status: 'skipped',
        fetched: 0,
        added: 0,
        changed: 0,
        removed: 0,
        reason: 'GAMMA_API_KEY is not set',
        duration_ms: 0,
      },
    ]);
    expect(doc.totals).toEqual({
      providers: 3,
      updated: 1,
      unchanged: 0,
      skipped: 1,
      failed: 1,
      fetched: 2,
      added: 2,
      changed: 0,
      removed: 0,
      duration_ms: expect.any(Number),
    });
    expect(doc.dry_run).toBe(false);
    expect(doc.written).toEqual(['providers.json', 'models.json', 'overrides.json']);
  });

  it('--dry-run reports what would change and writes nothing', async () => {
    await setup([provider('alpha', '/alpha/v1/models')], [listRoute('alpha', [1, 2])]);
    const before = await dataTexts();
    const run = await sync(['alpha', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^alpha\s+updated\s+2\s+2/m);
    expect(run.stdout).toContain('dry run: would write providers.json, models.json, overrides.json; nothing written');
    expect(await dataTexts()).toEqual(before);
    expect(existsSync(join(tmp.dir, '.catalog.lock'))).toBe(false);
  });

  it('--report writes the change report and the run summary as Markdown', async () => {
    await setup([provider('alpha', '/alpha/v1/models')], [listRoute('alpha', [1, 2])]);
    const report = join(dirname(tmp.dir), 'sync-report.md');
    const run = await sync(['alpha', '--report', report]);
    expect(run.code).toBe(0);
    const text = await readFile(report, 'utf8');
    expect(text).toContain(syntheticModelId(1));
    expect(text).toMatch(/## Sync run\n\n\| provider \| status/);
    expect(text).toMatch(/\| alpha \| updated \| 2 \| 2 \| 0 \| 0 \|/);
  });

  it('usage errors exit 2 before anything is fetched', async () => {
    await setup(
      [provider('alpha', '/alpha/v1/models'), { ...provider('manual', '/x'), models_api: undefined } as Provider],
      [listRoute('alpha', [1])],
    );
    const unknown = await sync(['alpah']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: unknown provider "alpah" (did you mean alpha?)\n');
    const noApi = await sync(['manual']);
    expect(noApi.code).toBe(2);
    expect(noApi.stderr).toContain('provider "manual" has no models_api');
    expect((await sync([])).code).toBe(2);
    expect((await sync(['alpha', '--all'])).code).toBe(2);
    expect((await sync(['alpha', '--dry-run', '--commit'])).code).toBe(2);
    expect((await sync(['alpha', '--concurrency', '0'])).code).toBe(2);
    expect(mock.requests).toEqual([]);
  });

  it('a disabled provider is left out of --all but synced when named', async () => {
    const off = provider('beta', '/beta/v1/models');
    off.models_api!.enabled = false;
    await setup([provider('alpha', '/alpha/v1/models'), off], [listRoute('alpha', [1]), listRoute('beta', [2])]);
    const all = JSON.parse((await sync(['--all', '--json'])).stdout);
    expect(all.providers.map((p: { id: string }) => p.id)).toEqual(['alpha']);
    const named = JSON.parse((await sync(['beta', '--json'])).stdout);
    expect(named.providers).toEqual([expect.objectContaining({ id: 'beta', status: 'updated' })]);
  });

  it('a second sync while one is running exits 2 at once and writes nothing', async () => {
    await setup([provider('alpha', '/alpha/v1/models')], [listRoute('alpha', [1, 2], { latencyMs: 1_500 })]);
    const first = sync(['alpha']);
    const lock = join(tmp.dir, '.catalog.lock');
    while (!existsSync(lock)) await new Promise((r) => setTimeout(r, 10));
    const before = await dataTexts();
    const second = await sync(['alpha']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/^error: another catalog command is writing this data directory/);
    expect(await dataTexts()).toEqual(before);
    expect((await first).code).toBe(0);
    expect(mock.requests).toHaveLength(1);
  });

  it('on a terminal, shows a live status line and still ends with plain results', async () => {
    await setup([provider('alpha', '/alpha/v1/models')], [listRoute('alpha', [1], { latencyMs: 250 })]);
    const run = await sync(['alpha'], KEYS, { isTTY: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\r\x1b[2K');
    expect(run.stdout).toMatch(/0\/1 done · alpha · \d+\.\ds/);
    expect(run.stdout).toMatch(/alpha: fetched 1 model in/);
    const quiet = await sync(['alpha', '--quiet'], KEYS, { isTTY: true });
    expect(quiet.stdout).toBe('');
  });
});

describe('sync --commit', () => {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dirname(tmp.dir), encoding: 'utf8' });

  beforeEach(async () => {
    // The commit is made by git in this process's environment: give it an identity on any machine.
    for (const name of ['GIT_AUTHOR_NAME', 'GIT_COMMITTER_NAME']) vi.stubEnv(name, 'catalog test');
    for (const name of ['GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_EMAIL']) vi.stubEnv(name, 'test@example.invalid');
    await setup([provider('alpha', '/alpha/v1/models')], [listRoute('alpha', [1, 2])]);
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'initial');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('commits the changed data files with a message from the change report; no commit when nothing changed', async () => {
    const run = await sync(['alpha', '--commit']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^committed [0-9a-f]{12}: catalog: /m);
    expect(git('log', '--format=%s').trim().split('\n')).toHaveLength(2);
    expect(git('status', '--porcelain', '--', 'data').trim()).toBe('');
    const again = await sync(['alpha', '--commit']);
    expect(again.code).toBe(0);
    expect(git('log', '--format=%s').trim().split('\n')).toHaveLength(2);
  });

  it("refuses before fetching when a person's data edits are uncommitted", async () => {
    await writeFile(join(tmp.dir, 'models.json'), `${(await readFile(join(tmp.dir, 'models.json'), 'utf8')).trimEnd()}  \n`);
    const run = await sync(['alpha', '--commit']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: uncommitted changes in .*models\.json/);
    expect(mock.requests).toEqual([]);
  });
});

describe('import', () => {
  it('imports an aggregator from its providers.json URL, authoritative for base facts', async () => {
    const fixture = PROVIDER_FIXTURES.find((f) => f.providerId === 'openrouter')!;
    const route = await fixtureRoute(fixture, 'initial');
    await setup([provider('openrouter', route.path, {}, 'openrouter')], [route]);
    const run = await runCliCaptured(['--data', tmp.dir, 'import', 'openrouter', '--json'], { env: KEYS });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).providers).toEqual([expect.objectContaining({ id: 'openrouter', status: 'updated' })]);
    const { catalog } = await readCatalog(tmp.dir);
    expect(catalog.models.some((m) => Object.values(m.metadata?.provenance ?? {}).some((p) => p.source === 'openrouter'))).toBe(true);
    const unknown = await runCliCaptured(['--data', tmp.dir, 'import', 'aihubmix'], { env: KEYS });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown provider "aihubmix"');
  });
});

describe('a sync killed at any point', () => {
  const spawnSync = (dir: string, env: NodeJS.ProcessEnv): ChildProcess =>
    spawn(process.execPath, ['packages/cli/bin/catalog.mjs', '--data', dir, 'sync', 'big'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, BIG_API_KEY: 'canary-big-0f3e', ...env },
      stdio: 'ignore',
    });
  const exited = (child: ChildProcess) => new Promise<void>((done) => child.once('exit', () => done()));

  it('leaves valid data files, each the old or the new version', { timeout: 120_000 }, async () => {
    const numbers = Array.from({ length: 3000 }, (_, n) => n);
    await setup([provider('big', '/big/v1/models')], [listRoute('big', numbers)]);
    const pristine = join(dirname(tmp.dir), 'pristine');
    await cp(tmp.dir, pristine, { recursive: true });
    const old = await dataTexts();

    const reference = spawnSync(tmp.dir, {});
    await exited(reference);
    const fresh = await dataTexts();
    expect(fresh['models.json']).not.toBe(old['models.json']);

    // Kill points: while fetching, at the first temp file, when models.json lands, at the overrides temp file.
    const triggers: ((file: string | null) => boolean)[] = [
      () => false,
      (f) => Boolean(f?.includes('.tmp-')),
      (f) => f === 'models.json',
      (f) => Boolean(f?.startsWith('overrides.json.tmp-')),
    ];
    for (const [i, trigger] of triggers.entries()) {
      await rm(tmp.dir, { recursive: true, force: true });
      await cp(pristine, tmp.dir, { recursive: true });
      const requestsBefore = mock.requests.length;
      const child = spawnSync(tmp.dir, {});
      const done = exited(child);
      const watcher = watch(tmp.dir, (_event, file) => {
        if (trigger(file)) child.kill('SIGKILL');
      });
      if (i === 0) {
        while (mock.requests.length === requestsBefore) await new Promise((r) => setTimeout(r, 5));
        child.kill('SIGKILL');
      }
      await done;
      watcher.close();
      const problems = (await validateDataDir(tmp.dir)).filter((p) => p.severity === 'error');
      expect(problems, `kill point ${i}`).toEqual([]);
      const now = await dataTexts();
      for (const f of ['models.json', 'overrides.json'] as const) expect([old[f], fresh[f]], `${f} at kill point ${i}`).toContain(now[f]);
      // The lock of the killed process is taken over by the next run.
      const rerun = await sync(['big'], { BIG_API_KEY: 'k' });
      expect(rerun.code, `rerun after kill point ${i}`).toBe(0);
    }
  });
});

/**
 * The CLI under attack: a hostile upstream (key echoes, redirects, escape sequences, hostile ids) and
 * a careless user (odd flags, output paths, broken data files), each case replayed against the real
 * CLI and local HTTP servers on 127.0.0.1.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Catalog, type Provider, readCatalog, validateDataDir } from '@llm-catalog/catalog';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { syntheticModelEntry } from '@llm-catalog/testkit/mock-server/synthetic';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';

/** Makes the rename that would put a file with this name in place fail, as a full disk would. */
const failRenameOf = vi.hoisted(() => ({ name: undefined as string | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const rename: typeof actual.rename = async (from, to) => {
    if (failRenameOf.name && String(to).endsWith(`/${failRenameOf.name}`)) {
      throw Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
    }
    return actual.rename(from, to);
  };
  return { ...actual, rename, default: { ...actual, rename } };
});

/** Mixed case, so a key that reaches a file lowercased (in an id) is caught too. */
const KEYS = {
  ALPHA_API_KEY: 'Canary-Alpha-7f3e9c1d5b',
  BETA_API_KEY: 'Canary-Beta-0a4d82e6f1',
  ANTHROPIC_API_KEY: 'Canary-Anthropic-3b7f19ac',
  GEMINI_API_KEY: 'Canary-Gemini-e60d24b8c2',
};
const DATA_FILES = ['providers.json', 'models.json', 'overrides.json'] as const;
const FAST = ['--timeout', '2000', '--retries', '0'];

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
interface Recorded {
  path: string;
  headers: IncomingMessage['headers'];
  at: number;
}

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer(handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let upstream: { server: Server; url: string };
let elsewhere: { server: Server; url: string };
let routes: Map<string, Handler>;
let requests: Recorded[];
let stolen: Recorded[];
let tmp: TempDataDir;

beforeEach(async () => {
  routes = new Map();
  requests = [];
  stolen = [];
  upstream = await listen((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push({ path, headers: req.headers, at: Date.now() });
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else json(res, 404, { error: { message: 'no such route' } });
  });
  // Another origin (another port): whatever a redirect sends here has left the provider.
  elsewhere = await listen((req, res) => {
    stolen.push({ path: req.url ?? '', headers: req.headers, at: Date.now() });
    json(res, 200, { object: 'list', data: [] });
  });
});
afterEach(async () => {
  failRenameOf.name = undefined;
  for (const s of [upstream.server, elsewhere.server]) {
    s.closeAllConnections();
    await new Promise((done) => s.close(done));
  }
  await tmp?.cleanup();
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
const list = (...entries: unknown[]) => ({ object: 'list', data: entries });
const serve = (path: string, status: number, body: unknown, headers: Record<string, string> = {}) =>
  routes.set(path, (_req, res) => json(res, status, body, headers));

function provider(id: string, format: 'OPENAI' | 'ANTHROPIC' | 'GEMINI' = 'OPENAI'): Provider {
  const transformer = format === 'OPENAI' ? 'openai' : format === 'ANTHROPIC' ? 'anthropic' : 'gemini';
  return {
    id,
    name: id,
    authentication: 'API_KEY',
    formats: [{ format, base_url: `${upstream.url}/${id}/v1`, default: true }],
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [
        {
          url: `${upstream.url}/${id}/v1/models`,
          endpoint_type: format === 'OPENAI' ? 'CHAT_COMPLETIONS' : format === 'ANTHROPIC' ? 'MESSAGES' : 'GENERATE_CONTENT',
          format,
          transformer,
        },
      ],
    },
  };
}

async function setup(providers: Provider[], catalog: Partial<Catalog> = {}) {
  tmp = await makeTempDataDir({ providers, ...catalog });
}
const cli = (args: string[], env: NodeJS.ProcessEnv = KEYS) => runCliCaptured(['--data', tmp.dir, ...args], { env });
const dataTexts = async () =>
  Promise.all(DATA_FILES.map((f) => readFile(join(tmp.dir, f), 'utf8')));
const dataErrors = async () => (await validateDataDir(tmp.dir)).filter((p) => p.severity === 'error');

/** Every 10-character piece of every key, lowercased: a leak of most of a key is a leak. */
const KEY_PIECES = Object.values(KEYS).flatMap((k) =>
  Array.from({ length: k.length - 9 }, (_, i) => k.slice(i, i + 10).toLowerCase()),
);
function expectNoKey(texts: Record<string, string>) {
  for (const [where, text] of Object.entries(texts)) {
    const lower = text.toLowerCase();
    const found = KEY_PIECES.find((piece) => lower.includes(piece));
    expect(found, `a piece of a key in ${where}`).toBeUndefined();
  }
}
/** A control character other than the newline and tab that plain output uses. */
const ESCAPES = /(?![\n\t])\p{Cc}/u;

describe('keys', () => {
  it.each([
    ['ANTHROPIC', 'x-api-key', 'ANTHROPIC_API_KEY'],
    ['GEMINI', 'x-goog-api-key', 'GEMINI_API_KEY'],
  ] as const)('a %s endpoint redirecting to another origin gets no key sent there', async (format, header, envVar) => {
    const id = format.toLowerCase();
    await setup([provider(id, format)]);
    routes.set(`/${id}/v1/models`, (_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/collect` });
      res.end();
    });
    const run = await cli(['sync', id, ...FAST]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error ${id}: HTTP 302 redirect to another origin (${elsewhere.url}); not sending the key there`);
    expect(stolen.filter((r) => r.headers[header] !== undefined)).toEqual([]);
    expect(requests[0]?.headers[header]).toBe(KEYS[envVar]);
  });

  it('a 401 quoting the key after 179 characters leaks no piece of it anywhere', async () => {
    await setup([provider('alpha')]);
    serve('/alpha/v1/models', 401, { error: { message: `${'m'.repeat(179)}${KEYS.ALPHA_API_KEY}` } });
    const report = join(dirname(tmp.dir), 'report.md');
    const human = await cli(['sync', 'alpha', '--report', report, ...FAST]);
    expect(human.code).toBe(1);
    const json = await cli(['sync', 'alpha', '--json', ...FAST]);
    const health = await cli(['health', '--json']);
    const test = await cli(['test', '--url', `${upstream.url}/alpha/v1`, '--key-env', 'ALPHA_API_KEY']);
    expect(test.code).toBe(1);
    expectNoKey({
      stdout: human.stdout,
      stderr: human.stderr,
      json: json.stdout + json.stderr,
      report: await readFile(report, 'utf8'),
      health: health.stdout + health.stderr,
      test: test.stdout + test.stderr,
    });
  });

  it('a 200 text body that starts with the key is reported without quoting it', async () => {
    await setup([provider('alpha')]);
    routes.set('/alpha/v1/models', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${KEYS.ALPHA_API_KEY} is not a list`);
    });
    const run = await cli(['sync', 'alpha', '--json', ...FAST]);
    expect(JSON.parse(run.stdout).providers[0].error).toMatch(/^response is not valid JSON/);
    expectNoKey({ out: run.stdout + run.stderr });
  });

  it('a key inside a list body is refused with a warning: never printed, stored or committed', async () => {
    await setup([provider('alpha'), provider('beta')]);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dirname(tmp.dir), encoding: 'utf8' });
    vi.stubEnv('GIT_AUTHOR_NAME', 'test');
    vi.stubEnv('GIT_COMMITTER_NAME', 'test');
    vi.stubEnv('GIT_AUTHOR_EMAIL', 'test@example.invalid');
    vi.stubEnv('GIT_COMMITTER_EMAIL', 'test@example.invalid');
    try {
      git('init', '-q');
      git('add', '.');
      git('commit', '-q', '-m', 'initial');
      serve(
        '/alpha/v1/models',
        200,
        list(syntheticModelEntry(1), { id: 'priced', pricing: { prompt: KEYS.ALPHA_API_KEY } }, { id: `leak-${KEYS.BETA_API_KEY}` }),
      );
      serve('/beta/v1/models', 200, list(syntheticModelEntry(2), { id: 'x', name: `named ${KEYS.ALPHA_API_KEY.toUpperCase()}` }));
      const report = join(dirname(tmp.dir), 'report.md');
      const run = await cli(['sync', '--all', '--commit', '--report', report]);
      expect(run.code).toBe(0);
      const warnings = run.stderr.split('\n').filter((l) => l.includes('holds an API key this run uses'));
      expect(warnings).toHaveLength(3);
      const json = await cli(['sync', '--all', '--json', '--dry-run']);
      const [providers, models, overrides] = await dataTexts();
      expect(JSON.parse(models!).models.map((m: { id: string }) => m.id)).toEqual(['synth-model-00001', 'synth-model-00002']);
      expectNoKey({
        stdout: run.stdout,
        stderr: run.stderr,
        json: json.stdout,
        report: await readFile(report, 'utf8'),
        providers: providers!,
        models: models!,
        overrides: overrides!,
        commits: git('log', '-p', '--all'),
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('hostile text from upstream', () => {
  it('escape sequences in errors, names and ids never reach the terminal or the report raw', async () => {
    await setup([provider('alpha'), provider('beta')]);
    serve(
      '/alpha/v1/models',
      200,
      list(
        syntheticModelEntry(1),
        { id: 'evil\u001b]0;TITLE\u0007', name: 'x' },
        { id: 'm2', name: 'clear\u001b[2J' },
        { id: 'm3\u009b31m' },
      ),
    );
    serve('/beta/v1/models', 403, { error: { message: 'denied\u001b]0;PWNED\u0007\u001b[2J' } });
    const report = join(dirname(tmp.dir), 'report.md');
    const run = await cli(['sync', '--all', '--report', report, ...FAST]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error beta: HTTP 403 denied\\u001b]0;PWNED\\u0007\\u001b[2J');
    expect(run.stderr.match(/warning alpha: entry \d/g)).toHaveLength(3);
    for (const text of [run.stdout, run.stderr, await readFile(report, 'utf8'), ...(await dataTexts())]) {
      expect(text).not.toMatch(ESCAPES);
    }
  });

  it('a lone-surrogate id is skipped; the files stay readable by strict JSON readers', async () => {
    await setup([provider('alpha')]);
    routes.set('/alpha/v1/models', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"object":"list","data":[{"id":"\\ud800-model"},{"id":"fine"}]}');
    });
    const run = await cli(['sync', 'alpha']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning alpha: entry 0 "\\ud800-model": skipped: ');
    for (const text of await dataTexts()) {
      expect(text).not.toMatch(/\\ud[89ab]|\p{Cs}/u);
      expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    }
    expect(await dataErrors()).toEqual([]);
  });

  it('validate refuses a lone-surrogate id a person wrote', async () => {
    await setup([provider('alpha')]);
    const path = join(tmp.dir, 'models.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"models": []', '"models": [{"id": "bad-\\udc00"}]'));
    const run = await cli(['validate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('id must not contain a lone surrogate');
  });

  it('nesting 6,000 levels deep is refused by validate, sync and build alike, without a stack overflow', async () => {
    await setup([provider('alpha')]);
    const path = join(tmp.dir, 'models.json');
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    await writeFile(path, (await readFile(path, 'utf8')).replace('"models": []', `"models": [{"id": "m", "metadata": {"x": ${deep}}}]`));
    serve('/alpha/v1/models', 200, list(syntheticModelEntry(1)));
    const validate = await cli(['validate']);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toMatch(/nested deeper than 100 levels at line \d+, column \d+/);
    for (const args of [['sync', 'alpha'], ['build', '--out', join(dirname(tmp.dir), 'out.json')]]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/nested deeper than 100 levels/);
      expect(run.stderr).not.toMatch(/call stack/i);
    }
  });

  it('build keeps a model named __proto__', async () => {
    await setup([provider('alpha')]);
    serve('/alpha/v1/models', 200, list({ id: '__proto__' }, syntheticModelEntry(1)));
    expect((await cli(['sync', 'alpha'])).code).toBe(0);
    const out = join(dirname(tmp.dir), 'catalog.json');
    const run = await cli(['build', '--out', out, '--json']);
    expect(JSON.parse(run.stdout).offerings).toBe(2);
    // The identity layer files the spelling under a base id of its own; the offering keeps the exact
    // spelling to call the provider with (build.test covers a base id that is literally __proto__).
    const models = JSON.parse(await readFile(out, 'utf8')).providers.alpha.models as Record<string, { provider_model_id?: string }>;
    expect(Object.values(models).map((m) => m.provider_model_id)).toContain('__proto__');
  });

  it('one entry priced at 1e-13 per token is skipped with a warning; the provider still updates', async () => {
    await setup([provider('alpha')]);
    const tiny = { ...syntheticModelEntry(2), pricing: { prompt: '0.0000000000001', completion: '0.000001' } };
    serve('/alpha/v1/models', 200, list(syntheticModelEntry(1), tiny));
    const run = await cli(['sync', 'alpha']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^alpha\s+updated\s+1\s+1/m);
    expect(run.stderr).toContain('warning alpha: entry 1 "synth-model-00002": skipped: pricing.input: 1e-7 per million tokens is implausibly small');
  });

  it('a model listed several times is noted once', async () => {
    await setup([provider('alpha')]);
    const entry = syntheticModelEntry(1);
    serve('/alpha/v1/models', 200, list(entry, entry, { ...entry, id: String(entry.id).toUpperCase() }));
    const run = await cli(['sync', 'alpha']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/is another spelling of/g)).toHaveLength(1);
  });
});

describe('the lock', () => {
  it.each([
    ['empty (its writer was killed while creating it)', () => ''],
    ['unreadable garbage', () => '\u0000\u0000garbage'],
    ['held by a dead pid', () => `${spawnExited()}\n`],
  ])('a lock file that is %s is stale: the next sync proceeds', async (_what, content) => {
    await setup([provider('alpha')]);
    serve('/alpha/v1/models', 200, list(syntheticModelEntry(1)));
    await writeFile(join(tmp.dir, '.catalog.lock'), content());
    const run = await cli(['sync', 'alpha']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it.skipIf(process.platform !== 'linux')('a lock naming a live process that is not a catalog command is stale', async () => {
    await setup([provider('alpha')]);
    serve('/alpha/v1/models', 200, list(syntheticModelEntry(1)));
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      await writeFile(join(tmp.dir, '.catalog.lock'), `${sleeper.pid}\n`);
      expect((await cli(['sync', 'alpha'])).code).toBe(0);
      expect((await cli(['providers', 'add', '--name', 'Other', '--base-url', `${upstream.url}/other/v1`])).code).toBe(0);
    } finally {
      sleeper.kill('SIGKILL');
    }
  });
});

function spawnExited(): number {
  return Number(execFileSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).trim());
}

describe('a failed write', () => {
  it('on a full disk puts back what it replaced, says nothing was written, and stamps no last_synced', async () => {
    await setup([provider('alpha')]);
    serve('/alpha/v1/models', 200, list(syntheticModelEntry(1), syntheticModelEntry(2)));
    const before = await dataTexts();
    failRenameOf.name = 'overrides.json';
    const run = await cli(['sync', 'alpha']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^error: could not write overrides\.json \(ENOSPC: no space left on device, rename\); nothing was written \(files already replaced were restored\)$/m,
    );
    expect(await dataTexts()).toEqual(before);
    failRenameOf.name = undefined;
    expect((await cli(['sync', 'alpha'])).code).toBe(0);
    expect((await readCatalog(tmp.dir)).catalog.providers[0]?.models_api?.last_synced).toBeDefined();
  });
});

describe('careless input', () => {
  it.each(['providers.json', 'models.json', '.'])('--report and build --out refuse a path inside the data directory (%s)', async (name) => {
    await setup([provider('alpha')]);
    serve('/alpha/v1/models', 200, list(syntheticModelEntry(1)));
    const before = await dataTexts();
    const report = await cli(['sync', 'alpha', '--report', join(tmp.dir, name)]);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/^error: --report ".*" is inside the data directory /);
    const build = await cli(['build', '--out', join(tmp.dir, name)]);
    expect(build.code).toBe(2);
    expect(build.stderr).toMatch(/^error: --out ".*" is inside the data directory /);
    expect(await dataTexts()).toEqual(before);
    expect(requests).toEqual([]);
    expect(await dataErrors()).toEqual([]);
  });

  it('providers add refuses a URL fragment', async () => {
    await setup([]);
    const before = await dataTexts();
    const run = await cli(['providers', 'add', '--name', 'Frag', '--base-url', 'https://llm.example.com/v1#token=sk-live-0123456789']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must not contain a fragment');
    expect(await dataTexts()).toEqual(before);
  });

  it.each([
    ['sync', '--timeout', '2147483648'],
    ['sync', '--concurrency', '100000'],
    ['sync', '--retries', '1000'],
    ['sync', '--retry-delay', '99999999'],
    ['test', '--timeout', '2147483648'],
    ['health', '--concurrency', '100000'],
  ])('%s %s %s is refused with the range it accepts', async (command, flag, value) => {
    await setup([provider('alpha')]);
    const args = command === 'sync' ? ['sync', 'alpha'] : command === 'test' ? ['test', '--url', `${upstream.url}/alpha/v1`] : ['health'];
    const run = await cli([...args, flag, value]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/from \d+ to \d+, got "\d+"/);
    expect(requests).toEqual([]);
  });

  it('a negative Retry-After backs off instead of retrying at once', async () => {
    await setup([provider('alpha')]);
    let hits = 0;
    routes.set('/alpha/v1/models', (_req, res) =>
      ++hits === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '-5' }) : json(res, 200, list(syntheticModelEntry(1))),
    );
    const run = await cli(['sync', 'alpha', '--retry-delay', '400', '--retries', '1']);
    expect(run.code).toBe(0);
    expect(requests).toHaveLength(2);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(190);
  });

  it('a missing data directory is named, not reported as a raw ENOENT', async () => {
    await setup([]);
    const missing = join(dirname(tmp.dir), 'nowhere');
    for (const args of [['sync', 'alpha'], ['providers', 'add', '--name', 'X', '--base-url', 'https://llm.example.com/v1']]) {
      const run = await runCliCaptured(['--data', missing, ...args], { env: KEYS });
      expect(run.code, args[0]).toBe(2);
      expect(run.stderr, args[0]).toContain('data directory not found');
      expect(run.stderr, args[0]).not.toContain('ENOENT');
    }
  });

  it('models disable for a model the provider does not serve names who does', async () => {
    await setup([provider('alpha'), provider('beta')]);
    serve('/alpha/v1/models', 200, list(syntheticModelEntry(1)));
    serve('/beta/v1/models', 200, list(syntheticModelEntry(2)));
    expect((await cli(['sync', '--all'])).code).toBe(0);
    const run = await cli(['models', 'disable', 'beta', 'synth-model-00001', '--reason', 'test']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: beta does not serve "synth-model-00001"; served by alpha\n');
  });
});

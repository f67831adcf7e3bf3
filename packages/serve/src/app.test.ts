import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LOCK_FILE, readCatalog } from '@llm-catalog/catalog';
import { makeTestRepo, type TestRepo } from '@llm-catalog/testkit/report';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syntheticListBody } from '@llm-catalog/testkit/mock-server/synthetic';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { createApp, MAX_BODY_BYTES } from './app.ts';
import type { SyncJobEvent } from './sync-jobs.ts';
import { CANARY_ENV, CANARY_VALUES, serveTestCatalog } from '@llm-catalog/testkit/serve';

/** A parsed JSON answer, read field by field in assertions. */
type Json = ReturnType<typeof JSON.parse>;

const TOKEN = 'test-token-0123456789abcdef';
const ORIGIN = 'http://localhost';

let mock: MockServer;
let repo: TestRepo;
let app: ReturnType<typeof createApp>;
/** Every response body of the test, searched for keys at the end. */
let seen: string[];

beforeEach(async () => {
  mock = await startMockServer({
    routes: [
      { path: '/alpha/v1/models', pages: [syntheticListBody([1, 2, 3])] },
      { path: '/beta/v1/models', pages: [syntheticListBody([3, 4])] },
      { path: '/gamma/v1/models', pages: [syntheticListBody([5])] },
    ],
  });
  repo = await makeTestRepo();
  await repo.commitCatalog(serveTestCatalog(mock.url, 3), 'first', '2026-01-01');
  await repo.commitCatalog(serveTestCatalog(mock.url), 'second', '2026-01-02');
  app = createApp({ dataDir: repo.dataDir, env: CANARY_ENV, token: TOKEN, fetch: { timeoutMs: 2000, retries: 0 }, probeTimeoutMs: 2000 });
  seen = [];
});

afterEach(async () => {
  for (const body of seen) for (const key of CANARY_VALUES) expect(body).not.toContain(key);
  await mock.close();
  await repo.cleanup();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await app.request(path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method === 'GET' ? {} : { 'x-catalog-token': TOKEN, origin: ORIGIN }),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const headerText: string[] = [];
  res.headers.forEach((value, name) => headerText.push(`${name}: ${value}`));
  seen.push(text, headerText.join('\n'));
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

const enc = encodeURIComponent;

function expectError(res: { status: number; json: Json }, status: number, code: string, message?: RegExp) {
  expect(res.status).toBe(status);
  expect(res.json.error.code).toBe(code);
  if (message) expect(res.json.error.message).toMatch(message);
}

async function eventsOf(jobId: string): Promise<SyncJobEvent[]> {
  const res = await app.request(`/api/sync/jobs/${jobId}/events`);
  const text = await res.text();
  seen.push(text);
  return text
    .split('\n')
    .filter((l) => l.startsWith('data: '))
    .map((l) => JSON.parse(l.slice(6)) as SyncJobEvent);
}

describe('providers API', () => {
  it('lists providers with model counts and key state, never a key', async () => {
    const res = await call('GET', '/api/providers');
    expect(res.status).toBe(200);
    expect(res.json.providers.map((p: Json) => p.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(res.json.providers[0]).toMatchObject({ id: 'alpha', models: 2, key_env: 'ALPHA_API_KEY', key: 'set', sync: 'enabled', format: 'OPENAI' });
  });

  it('shows one provider; an unknown id is a 404 that names it', async () => {
    expect((await call('GET', '/api/providers/beta')).json.summary.models).toBe(1);
    expectError(await call('GET', '/api/providers/nope'), 404, 'unknown-provider', /"nope"/);
  });

  it('detects a pasted URL, adds it, refuses it a second time, and refuses a bad body with the field named', async () => {
    const detected = await call('POST', '/api/providers/detect', { base_url: 'https://api.groq.com/openai/v1' });
    expect(detected.json).toMatchObject({ format: 'OPENAI', models_url: 'https://api.groq.com/openai/v1/models', suggested_id: 'groq', existing_provider: null });
    const added = await call('POST', '/api/providers', { name: 'Groq', base_url: 'https://api.groq.com/openai/v1' });
    expect(added.status).toBe(201);
    expect((await readCatalog(repo.dataDir)).catalog.providers.map((p) => p.id)).toContain('groq');
    expectError(await call('POST', '/api/providers', { name: 'Groq 2', base_url: 'https://api.groq.com/openai/v1/' }), 409, 'duplicate-url', /already has/);
    expect((await call('POST', '/api/providers/detect', { base_url: 'https://api.groq.com/openai/v1' })).json.existing_provider).toBe('groq');
    expectError(await call('POST', '/api/providers', { name: 'X', base_url: 'ftp://x' }), 400, 'invalid-provider', /http/);
    expectError(await call('POST', '/api/providers', { base_url: 'https://x.example' }), 400, 'invalid-body', /^name:/);
    expectError(await call('POST', '/api/providers', '{not json'), 400, 'invalid-json');
  });

  it('edits, disables and enables a provider, and removes one only with force', async () => {
    const edited = await call('PATCH', '/api/providers/beta', { name: 'Beta Cloud', enabled: false });
    expect(edited.json).toMatchObject({ changed: true, provider: { name: 'Beta Cloud', models_api: { enabled: false } } });
    expect((await call('POST', '/api/providers/beta/enable')).json).toEqual({ id: 'beta', enabled: true, changed: true });
    expectError(await call('PATCH', '/api/providers/beta', {}), 400, 'invalid-body');
    expectError(await call('PATCH', '/api/providers/beta', { api_key_env: 'lower' }), 400, 'invalid-body', /api_key_env/);
    expectError(await call('DELETE', '/api/providers/beta'), 409, 'referenced', /1 override/);
    expect((await call('DELETE', '/api/providers/beta?force=true')).json).toMatchObject({ removed: 'beta', removed_overrides: 1 });
    expectError(await call('DELETE', '/api/providers/beta'), 404, 'unknown-provider');
  });

  it('tests a saved provider and an unsaved URL without writing anything', async () => {
    const before = await readFile(join(repo.dataDir, 'providers.json'), 'utf8');
    expect((await call('POST', '/api/providers/alpha/test')).json).toMatchObject({ status: 'up', models: 3, key: 'found' });
    const url = await call('POST', '/api/test', { base_url: `${mock.url}/beta/v1`, key_env: 'BETA_API_KEY' });
    expect(url.json).toMatchObject({ status: 'up', models: 2 });
    const down = await call('POST', '/api/test', { base_url: `${mock.url}/nothing/v1` });
    expect(down.json.status).toBe('down');
    expect(await readFile(join(repo.dataDir, 'providers.json'), 'utf8')).toBe(before);
  });

  it('health probes the enabled providers, or the named ones', async () => {
    const all = await call('GET', '/api/health');
    expect(all.json.totals).toMatchObject({ providers: 3, up: 3 });
    expect((await call('GET', '/api/health?providers=beta')).json.providers.map((p: Json) => p.id)).toEqual(['beta']);
    expectError(await call('GET', '/api/health?providers=nope'), 404, 'unknown-provider');
  });
});

describe('security', () => {
  it('a change without the token is refused, and so is one from another origin', async () => {
    expectError(await call('POST', '/api/providers/beta/disable', undefined, { 'x-catalog-token': '' }), 401, 'token-required');
    expectError(await call('POST', '/api/providers/beta/disable', undefined, { origin: 'http://evil.example' }), 403, 'cross-origin');
    expectError(await call('POST', '/api/providers/beta/disable', undefined, { 'sec-fetch-site': 'cross-site' }), 403, 'cross-origin');
    expect((await readCatalog(repo.dataDir)).catalog.providers.find((p) => p.id === 'beta')?.models_api?.enabled).toBe(true);
  });

  it('the token in the opening URL becomes a cookie that authorizes changes', async () => {
    const opened = await call('GET', `/providers?token=${TOKEN}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/providers');
    const cookie = (opened.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(opened.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const res = await call('POST', '/api/providers/beta/disable', undefined, { 'x-catalog-token': '', cookie });
    expect(res.status).toBe(200);
    expectError(await call('GET', '/providers?token=wrong'), 401, 'bad-token');
  });

  it('a host the server does not answer to is refused', async () => {
    const strict = createApp({ dataDir: repo.dataDir, env: CANARY_ENV, token: TOKEN, allowedHosts: ['127.0.0.1:4873'] });
    const res = await strict.request('http://evil.example/api/providers');
    expect(res.status).toBe(403);
    expect(((await res.json()) as Json).error.code).toBe('wrong-host');
  });

  it('a body over the size limit is refused with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), base_url: 'https://x.example' });
    expectError(await call('POST', '/api/providers', big), 413, 'body-too-large');
  });

  it('an unknown route is a JSON 404', async () => {
    expectError(await call('GET', '/api/nope'), 404, 'not-found', /GET \/api\/nope/);
  });
});

describe('models API', () => {
  it('searches with text, filters and sort, paged', async () => {
    const all = await call('GET', '/api/models');
    expect(all.json.total).toBe(3);
    const cheap = await call('GET', '/api/models?q=large&sort=input_price');
    expect(cheap.json.items.map((r: Json) => `${r.provider_id}:${r.input_price}`)).toEqual(['beta:2', 'alpha:2.5']);
    expect((await call('GET', '/api/models?capability=FUNCTION_CALL&modality=IMAGE&min_context=100000')).json.total).toBe(2);
    expect((await call('GET', '/api/models?max_input_price=1')).json.items.map((r: Json) => r.model_id)).toEqual(['chat-small']);
    expect((await call('GET', '/api/models?provider=alpha&limit=1&offset=1')).json).toMatchObject({ total: 2, offset: 1, items: [{ model_id: 'chat-small' }] });
    expectError(await call('GET', '/api/models?sort=price'), 400, 'invalid-query', /^sort:/);
    expectError(await call('GET', '/api/models?limit=0'), 400, 'invalid-query', /^limit:/);
  });

  it("returns a model's document: who serves it, cheapest first, with origins", async () => {
    const res = await call('GET', `/api/models/${enc('acme/chat-large')}`);
    expect(res.status).toBe(200);
    expect(res.json.providers.map((p: Json) => p.provider_id)).toEqual(['beta', 'alpha']);
    expect(res.json.providers[0].origins['pricing.input']).toMatchObject({ layer: 'auto' });
    expectError(await call('GET', '/api/models/nope'), 404, 'unknown-model');
  });

  it("names in a model's document the facts an offering's sources state differently, with values and dates", async () => {
    const res = await call('GET', `/api/models/${enc('acme/chat-large')}`);
    const alpha = res.json.providers.find((p: Json) => p.provider_id === 'alpha');
    expect(alpha.pricing.output.per_million_tokens).toBe(10);
    expect(alpha.disagreements.map((d: Json) => [d.fact, d.statements.map((s: Json) => `${s.source} ${s.as_of}: ${s.value}`)])).toEqual([
      ['pricing.output', ['litellm 2026-07-24: 12', 'alpha 2026-01-01: 10']],
      ['context_window', ['litellm 2026-07-24: 200000', 'alpha 2026-01-01: 128000']],
    ]);
    expect(res.json.providers.find((p: Json) => p.provider_id === 'beta').disagreements).toBeUndefined();
  });

  it('reads price history from git, and says so when the data is not in a git repository', async () => {
    const res = await call('GET', `/api/models/${enc('acme/chat-large')}/history?provider=alpha`);
    expect(res.json.entries.map((e: Json) => e.prices?.input?.amount)).toEqual([3, 2.5]);
    expectError(await call('GET', `/api/models/${enc('acme/chat-large')}/history`), 400, 'invalid-query', /provider/);
    expectError(await call('GET', `/api/models/${enc('acme/chat-large')}/history?provider=nope`), 404, 'unknown-provider');
    await rm(join(repo.root, '.git'), { recursive: true, force: true });
    expectError(await call('GET', `/api/models/${enc('acme/chat-large')}/history?provider=alpha`), 422, 'no-git', /not inside a git repository/);
    expectError(await call('GET', '/api/changes'), 422, 'no-git');
  });

  it('disables an offering with a manual override and a reason, and enables it again', async () => {
    const path = `/api/offerings/alpha/${enc('acme/chat-small')}`;
    expectError(await call('PUT', path, { disabled: true }), 400, 'needs-reason');
    const res = await call('PUT', path, { disabled: true, reason: 'retired at alpha' });
    expect(res.json).toMatchObject({ change: 'created', override: { priority: 100, disabled: true, reason: 'retired at alpha' } });
    const text = await readFile(join(repo.dataDir, 'overrides.json'), 'utf8');
    expect(text).toContain('retired at alpha');
    expect((await call('PUT', path, { disabled: false })).json.change).toBe('removed');
    expectError(await call('PUT', `/api/offerings/gamma/${enc('acme/chat-small')}`, { disabled: true, reason: 'x' }), 404, 'not-served');
  });

  it('estimates a cost and explains what it cannot price', async () => {
    const res = await call('GET', `/api/cost?provider=beta&model=${enc('acme/chat-large')}&input_tokens=1000000&output_tokens=500000`);
    expect(res.json.cost).toEqual({ input: 2, output: 4, cache: 0, total: 6, currency: 'USD' });
    expectError(await call('GET', `/api/cost?provider=gamma&model=x&input_tokens=1&output_tokens=1`), 404, 'not-served');
    expectError(await call('GET', `/api/cost?provider=beta&model=x&input_tokens=-1&output_tokens=1`), 400, 'invalid-query', /input_tokens/);
  });

  it('reports the pending changes of the work tree against HEAD, risk flags first', async () => {
    expect((await call('GET', '/api/changes')).json.totals.price_changes).toBe(0);
    await repo.writeCatalog(serveTestCatalog(mock.url, 0));
    const res = await call('GET', '/api/changes');
    expect(res.json.risks[0]).toMatchObject({ kind: 'price-to-zero', model_id: 'chat-large' });
  });
});

describe('sync jobs', () => {
  it('streams queued, per-provider progress, merging, written, then the same result as sync --json', async () => {
    const started = await call('POST', '/api/sync', { providers: ['alpha'], allow_removals: true });
    expect(started.status).toBe(202);
    const events = await eventsOf(started.json.job.id);
    expect(events.map((e) => (e.type === 'provider' ? `${e.type}:${e.state}` : e.type))).toEqual([
      'queued',
      'provider:fetching',
      'provider:fetched',
      'merging',
      'written',
      'done',
    ]);
    const done = events.at(-1) as Extract<SyncJobEvent, { type: 'done' }>;
    expect(done.result.providers[0]).toMatchObject({ id: 'alpha', status: 'updated', fetched: 3, added: 3, removed: 2 });
    const job = await call('GET', `/api/sync/jobs/${started.json.job.id}`);
    expect(job.json.result).toEqual(done.result);
  });

  it('sync all skips a provider whose key is missing and reports every provider', async () => {
    const { GAMMA_API_KEY: _gamma, ...env } = CANARY_ENV;
    app = createApp({ dataDir: repo.dataDir, env, token: TOKEN, fetch: { timeoutMs: 2000, retries: 0 } });
    const started = await call('POST', '/api/sync', { providers: 'all', allow_removals: true });
    const events = await eventsOf(started.json.job.id);
    expect(events).toContainEqual({ type: 'provider', id: 'gamma', state: 'skipped', reason: 'GAMMA_API_KEY is not set' });
    const done = events.at(-1) as Extract<SyncJobEvent, { type: 'done' }>;
    expect(done.result.providers.map((p) => `${p.id}:${p.status}`)).toEqual(['alpha:updated', 'beta:updated', 'gamma:skipped']);
  });

  it('a second sync while one runs is a 409 that says which; so is a sync while another process holds the lock', async () => {
    mock.setRoute({ path: '/alpha/v1/models', pages: [syntheticListBody([1])], latencyMs: 300 });
    const first = await call('POST', '/api/sync', { providers: ['alpha'] });
    expectError(await call('POST', '/api/sync', { providers: ['beta'] }), 409, 'sync-running', new RegExp(first.json.job.id));
    await eventsOf(first.json.job.id);
    await writeFile(join(repo.dataDir, LOCK_FILE), String(process.ppid));
    expectError(await call('POST', '/api/sync', { providers: ['beta'] }), 409, 'locked', /another catalog command/);
    expectError(await call('PATCH', '/api/providers/beta', { name: 'B' }), 409, 'locked');
  });

  it('refuses an unknown provider and a malformed request', async () => {
    expectError(await call('POST', '/api/sync', { providers: ['nope'] }), 404, 'unknown-provider', /nope/);
    expectError(await call('POST', '/api/sync', { providers: [] }), 400, 'invalid-body', /providers/);
    expectError(await call('GET', '/api/sync/jobs/sync-99'), 404, 'unknown-job');
  });
});

describe('OpenAPI and pages', () => {
  it('documents every API route with its request schemas', async () => {
    const doc = (await call('GET', '/api/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/providers'].post.requestBody.content['application/json'].schema.required).toEqual(['name', 'base_url']);
    expect(doc.paths['/api/models'].get.parameters.map((p: Json) => p.name)).toContain('max_input_price');
    expect(Object.keys(doc.paths)).toContain('/api/sync/jobs/{id}/events');
    expect(doc.paths['/api/models'].get.responses['200'].content['application/json'].schema.properties.items.type).toBe('array');
    expect(doc.components.schemas.Provider.required).toContain('formats');
  });

  it('serves each page and the bundled script, with a content security policy', async () => {
    for (const path of ['/providers', '/providers/new', '/models', `/models/${enc('acme/chat-large')}`, '/changes']) {
      const res = await call('GET', path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<main id="main"');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
    const js = await call('GET', '/assets/app.js');
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.text.length).toBeGreaterThan(1000);
  });
});

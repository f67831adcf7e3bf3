import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Catalog,
  CatalogLoadError,
  type DataFileKind,
  DATA_FILES,
  type Provider,
  readCatalog,
  validateDataDir,
  writeCatalog,
} from '@llm-catalog/catalog';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MockRoute } from '@llm-catalog/testkit/mock-server/routes';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { syntheticListBody, syntheticModelId } from '@llm-catalog/testkit/mock-server/synthetic';
import type { SyncProgressEvent } from './progress.ts';
import { runSync } from './run-sync.ts';

let mock: MockServer;
let roots: string[] = [];
beforeEach(async () => {
  mock = await startMockServer();
});
afterEach(async () => {
  await mock.close();
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
  roots = [];
});

const env = { A_API_KEY: 'key-a-0000', B_API_KEY: 'key-b-1111', C_API_KEY: 'key-c-2222' };

const provider = (id: string): Provider => ({
  id,
  name: id.toUpperCase(),
  authentication: 'API_KEY',
  formats: [{ format: 'OPENAI', base_url: `${mock.url}/${id}`, default: true }],
  models_api: {
    enabled: true,
    update_frequency: 'daily',
    endpoints: [
      { url: `${mock.url}/${id}/v1/models`, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' },
    ],
  },
});

const route = (id: string, numbers: number[], over: Partial<MockRoute> = {}): MockRoute => ({
  path: `/${id}/v1/models`,
  pages: [syntheticListBody(numbers)],
  ...over,
});

async function dataDir(catalog: Partial<Catalog>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-run-sync-'));
  roots.push(root);
  const dir = join(root, 'data');
  const full = { providers: [], models: [], overrides: [], ...catalog };
  await writeCatalog(dir, full, {} as Record<DataFileKind, never>, new Date('2026-01-01T00:00:00Z'));
  return dir;
}

const texts = (dir: string) =>
  Promise.all(Object.values(DATA_FILES).map((f) => readFile(join(dir, f), 'utf8')));

describe('runSync', () => {
  it('merges in provider-id order, whatever order the answers arrive in', async () => {
    // Both providers report the same new model under different names: the first merged (by id) creates it.
    const named = (name: string) => {
      const body = syntheticListBody([7]);
      body.data[0]!.name = name;
      return body;
    };
    const results: string[][] = [];
    for (const slow of ['a', 'b']) {
      mock.setRoute({ path: '/a/v1/models', pages: [named('Name from A')], latencyMs: slow === 'a' ? 150 : 0 });
      mock.setRoute({ path: '/b/v1/models', pages: [named('Name from B')], latencyMs: slow === 'b' ? 150 : 0 });
      const dir = await dataDir({ providers: [provider('a'), provider('b')] });
      await runSync({ dataDir: dir, providers: 'all', env, now: new Date('2026-02-01T00:00:00Z') });
      results.push(await texts(dir));
      const { catalog } = await readCatalog(dir);
      expect(catalog.models.find((m) => m.id === syntheticModelId(7))?.name).toBe('Name from A');
    }
    expect(results[0]).toEqual(results[1]);
  });

  it('writes the same bytes whatever order the answers of many providers arrive in', async () => {
    // Overlapping lists, so which provider creates a model and speaks for its facts matters.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const lists = ids.map((_, i) => [i, i + 1, i + 2, 10 + (i % 3)]);
    const orders = [ids, [...ids].reverse(), ...fc.sample(fc.shuffledSubarray(ids, { minLength: 6, maxLength: 6 }), { numRuns: 3, seed: 12 })];
    const results: string[][] = [];
    for (const order of orders) {
      // The provider at place k of the order answers k x 40 ms after the run starts.
      ids.forEach((id, i) =>
        mock.setRoute(route(id, lists[i] ?? [], { latencyMs: order.indexOf(id) * 40 })),
      );
      const dir = await dataDir({ providers: ids.map(provider) });
      const result = await runSync({
        dataDir: dir,
        providers: 'all',
        env: Object.fromEntries(ids.map((id) => [`${id.toUpperCase()}_API_KEY`, `key-${id}`])),
        now: new Date('2026-02-01T00:00:00Z'),
      });
      expect(result.providers.map((p) => p.status)).toEqual(ids.map(() => 'updated'));
      results.push(await texts(dir));
    }
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });

  it('reports the key check before any request, then each provider as it finishes', async () => {
    mock.setRoute(route('a', [1]));
    mock.setRoute(route('b', [2], { fault: { kind: 'server-error', status: 500 } }));
    const dir = await dataDir({ providers: [provider('a'), provider('b'), provider('c')] });
    const events: SyncProgressEvent[] = [];
    await runSync({
      dataDir: dir,
      providers: 'all',
      env: { A_API_KEY: env.A_API_KEY, B_API_KEY: env.B_API_KEY },
      retries: 0,
      onProgress: (e) => events.push(e),
    });
    expect(events[0]).toEqual({
      type: 'keys',
      keys: [
        { providerId: 'a', envVar: 'A_API_KEY', status: 'found' },
        { providerId: 'b', envVar: 'B_API_KEY', status: 'found' },
        { providerId: 'c', envVar: 'C_API_KEY', status: 'missing' },
      ],
    });
    const ends = events.filter((e) => e.type === 'fetch-done' || e.type === 'fetch-failed');
    expect(ends.map((e) => [e.type, e.providerId]).sort()).toEqual([
      ['fetch-done', 'a'],
      ['fetch-failed', 'b'],
    ]);
    expect(events.some((e) => 'providerId' in e && e.providerId === 'c')).toBe(false);
  });

  it('leaves out a provider whose merge would make the catalog invalid, and writes the others', async () => {
    mock.setRoute(route('a', [1]));
    const body = syntheticListBody([2]);
    // The import is valid on its own, but the context window it fills in on the base model is smaller
    // than the output limit a person set for provider a.
    body.data[0]!.context_window = 8192;
    delete body.data[0]!.max_completion_tokens;
    mock.setRoute({ path: '/b/v1/models', pages: [body] });
    const models = [{ id: syntheticModelId(2) }];
    const overrides = [
      { provider_id: 'a', model_id: syntheticModelId(2), priority: 100, reason: 'measured', limits: { max_output_tokens: 16384 } },
    ];
    const dir = await dataDir({ providers: [provider('a'), provider('b')], models, overrides });
    const events: SyncProgressEvent[] = [];
    const result = await runSync({ dataDir: dir, providers: 'all', env, onProgress: (e) => events.push(e) });
    const status = Object.fromEntries(result.providers.map((p) => [p.id, p.status]));
    expect(status).toEqual({ a: 'updated', b: 'failed' });
    expect(result.providers[1]?.error).toMatch(/^its result would make the catalog invalid: .*exceeds context_window 8192/);
    // The lists are read again for the check, quietly: one progress line per provider, one recheck.
    expect(events.filter((e) => e.type === 'recheck').map((e) => 'problem' in e && e.problem)).toEqual([
      expect.stringMatching(/exceeds context_window 8192/),
    ]);
    expect(events.filter((e) => e.type === 'fetch-done').map((e) => 'providerId' in e && e.providerId).sort()).toEqual(['a', 'b']);
    expect((await validateDataDir(dir)).filter((p) => p.severity === 'error')).toEqual([]);
    const { catalog } = await readCatalog(dir);
    expect(catalog.overrides.map((o) => o.provider_id)).toEqual(['a', 'a']);
  });

  it('refuses data that already has integrity errors, writing nothing', async () => {
    mock.setRoute(route('a', [1]));
    const dir = await dataDir({
      providers: [provider('a')],
      overrides: [{ provider_id: 'a', model_id: 'no-such-model', priority: 0 }],
    });
    const before = await texts(dir);
    const err = await runSync({ dataDir: dir, providers: 'all', env }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogLoadError);
    expect((err as CatalogLoadError).problems).toEqual([
      expect.objectContaining({ code: 'unknown-model', message: 'unknown model "no-such-model" (not in models.json)' }),
    ]);
    expect(await texts(dir)).toEqual(before);
    expect(existsSync(join(dir, '.catalog.lock'))).toBe(false);
  });

  it('stamps last_synced, to the second, only on providers whose data changed', async () => {
    mock.setRoute(route('a', [1]));
    mock.setRoute(route('b', [2]));
    const dir = await dataDir({ providers: [provider('a'), provider('b')] });
    await runSync({ dataDir: dir, providers: 'all', env, now: new Date('2026-02-01T10:00:00.123Z') });
    mock.setRoute(route('a', [1, 3]));
    const result = await runSync({ dataDir: dir, providers: 'all', env, now: new Date('2026-03-04T05:06:07.890Z') });
    expect(result.written).toEqual(['providers', 'models', 'overrides']);
    const stamps = Object.fromEntries(result.after.providers.map((p) => [p.id, p.models_api?.last_synced]));
    expect(stamps).toEqual({ a: '2026-03-04T05:06:07Z', b: '2026-02-01T10:00:00Z' });
  });

  it('a dry run takes no lock and writes nothing, but says which files would change', async () => {
    mock.setRoute(route('a', [1]));
    const dir = await dataDir({ providers: [provider('a')] });
    const before = await texts(dir);
    const result = await runSync({ dataDir: dir, providers: ['a'], env, dryRun: true });
    expect(result.dryRun).toBe(true);
    expect(result.written).toEqual(['providers', 'models', 'overrides']);
    expect(result.after.models.map((m) => m.id)).toEqual([syntheticModelId(1)]);
    expect(await texts(dir)).toEqual(before);
  });

  it('keeps every key out of the errors it returns', async () => {
    mock.setRoute(route('a', [1], { fault: { kind: 'unauthorized', echoKey: true } }));
    const dir = await dataDir({ providers: [provider('a')] });
    const result = await runSync({ dataDir: dir, providers: ['a'], env });
    expect(result.providers[0]?.error).toBe(
      'HTTP 401 Incorrect API key provided: [redacted]. You can find your API key in your account settings.',
    );
  });
});

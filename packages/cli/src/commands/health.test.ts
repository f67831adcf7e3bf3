import { createServer } from 'node:net';
import type { Catalog, Provider } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { openAiProvider } from '@llm-catalog/testkit/cli-catalog';

const KEY = 'sk-health-secret';
const list = (ids: string[]) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'lab' })) });

let mock: MockServer | undefined;
let tmp: TempDataDir | undefined;
afterEach(async () => {
  await mock?.close();
  await tmp?.cleanup();
  mock = undefined;
  tmp = undefined;
});

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Providers on the mock server: two up, one failing, one whose key is unset, one keyless local server that is off. */
async function setup() {
  mock = await startMockServer({
    routes: [
      { path: '/alpha/v1/models', pages: [list(['a-1', 'a-2', 'a-3'])] },
      { path: '/beta/v1/models', pages: [list(['b-1'])] },
      { path: '/broken/v1/models', pages: [list(['x'])], fault: { kind: 'server-error', status: 503 } },
    ],
  });
  const port = await deadPort();
  const catalog: Catalog = {
    providers: [
      openAiProvider('alpha', `${mock.url}/alpha/v1`, { api_key_env: 'LAB_KEY' }),
      openAiProvider('beta', `${mock.url}/beta/v1`, { api_key_env: 'LAB_KEY' }),
      openAiProvider('broken', `${mock.url}/broken/v1`, { api_key_env: 'LAB_KEY' }),
      openAiProvider('keyless', `${mock.url}/alpha/v1`, { api_key_env: 'UNSET_KEY' }),
      openAiProvider('local', `http://127.0.0.1:${port}/v1`, { authentication: 'NONE' }),
      paused(openAiProvider('paused', `${mock.url}/alpha/v1`)),
    ],
    models: [],
    overrides: [],
  };
  tmp = await makeTempDataDir(catalog);
  return { dir: tmp.dir, port };
}

function paused(provider: Provider): Provider {
  return provider.models_api ? { ...provider, models_api: { ...provider.models_api, enabled: false } } : provider;
}

const health = (dir: string, args: string[] = []) => runCliCaptured(['--data', dir, ...args], { env: { LAB_KEY: KEY } });

describe('catalog health', () => {
  it('probes every enabled provider and exits 1 when one whose key is set is down', async () => {
    const { dir, port } = await setup();
    const result = await health(dir, ['health']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^alpha\s+up\s+\d+ ms\s+3\s*$/m);
    expect(result.stdout).toMatch(/^beta\s+up\s+\d+ ms\s+1\s*$/m);
    expect(result.stdout).toMatch(/^broken\s+down\s+\d+ ms\s+-\s+the provider failed \(HTTP 503\); it may be down$/m);
    expect(result.stdout).toMatch(/^keyless\s+skipped\s+-\s+-\s+UNSET_KEY is not set$/m);
    expect(result.stdout).toMatch(new RegExp(`^local\\s+down\\s+\\d+ ms\\s+-\\s+nothing is listening on 127\\.0\\.0\\.1:${port}$`, 'm'));
    expect(result.stdout).not.toMatch(/^paused/m);
    expect(result.stdout).toContain('2 up, 2 down, 1 skipped of 5 providers');
    expect(result.stdout).not.toContain(KEY);
  });

  it('a keyless local server that is off does not fail the run unless named', async () => {
    const { dir } = await setup();
    expect((await health(dir, ['health', 'alpha', 'local'])).code).toBe(1);
    const healthy = await health(dir, ['health', 'alpha', 'beta']);
    expect(healthy.code).toBe(0);
  });

  it('a hosted service whose public list endpoint is down fails the run without a key set', async () => {
    mock = await startMockServer({ routes: [{ path: '/public/v1/models', pages: [list(['x'])], fault: { kind: 'server-error', status: 503 } }] });
    const hosted = openAiProvider('hosted', `${mock.url}/public/v1`, { api_key_env: 'HOSTED_KEY' });
    const endpoint = hosted.models_api?.endpoints[0];
    if (endpoint) endpoint.public = true;
    tmp = await makeTempDataDir({ providers: [hosted] });
    const result = await runCliCaptured(['--data', tmp.dir, 'health'], { env: {} });
    expect(result.stdout).toMatch(/^hosted\s+down\s+\d+ ms\s+-\s+the provider failed \(HTTP 503\); it may be down$/m);
    expect(result.code).toBe(1);
  });

  it('--json prints one document with totals', async () => {
    const { dir } = await setup();
    const result = await health(dir, ['--json', 'health', 'alpha', 'broken', 'keyless']);
    const doc = JSON.parse(result.stdout) as { providers: Record<string, unknown>[]; totals: Record<string, number> };
    expect(doc.providers.map((p) => [p.id, p.status, p.models ?? null, p.http_status ?? null])).toEqual([
      ['alpha', 'up', 3, 200],
      ['broken', 'down', null, 503],
      ['keyless', 'skipped', null, null],
    ]);
    expect(doc.totals).toEqual({ providers: 3, up: 1, down: 1, skipped: 1 });
  });

  it('an unknown provider is a usage error', async () => {
    const { dir } = await setup();
    const result = await health(dir, ['health', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: unknown provider "nope"/);
  });
});

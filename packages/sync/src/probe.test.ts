import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { Provider } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockRoute } from '@llm-catalog/testkit/mock-server/routes';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { probeProvider, probeProviders } from './probe.ts';

const KEY = 'sk-probe-secret-123';
const LIST: MockRoute = {
  path: '/v1/models',
  pages: [{ object: 'list', data: ['m-1', 'm-2', 'm-3', 'm-4', 'm-5', 'm-6'].map((id) => ({ id, object: 'model', owned_by: 'lab' })) }],
};

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function serve(...routes: MockRoute[]): Promise<string> {
  mock = await startMockServer({ routes });
  return mock.url;
}

function provider(id: string, baseUrl: string, extra: Partial<Provider> = {}, modelsUrl = `${baseUrl}/v1/models`): Provider {
  return {
    id,
    name: id,
    authentication: 'API_KEY',
    api_key_env: 'LAB_KEY',
    formats: [{ format: 'OPENAI', base_url: `${baseUrl}/v1`, default: true }],
    models_api: {
      enabled: true,
      update_frequency: 'daily',
      endpoints: [{ url: modelsUrl, endpoint_type: 'CHAT_COMPLETIONS', format: 'OPENAI', transformer: 'openai' }],
    },
    ...extra,
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound once, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('probeProvider', () => {
  it('reports a working endpoint: latency, model count, the first ids, with the key sent', async () => {
    const url = await serve(LIST);
    const result = await probeProvider(provider('lab', url), { env: { LAB_KEY: KEY } });
    expect(result).toMatchObject({ id: 'lab', status: 'up', key: 'found', keyEnv: 'LAB_KEY', models: 6, sample: ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'] });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(mock?.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('a dead port: nothing is listening', async () => {
    const port = await deadPort();
    const result = await probeProvider(provider('lab', `http://127.0.0.1:${port}`), { env: { LAB_KEY: KEY } });
    expect(result.status).toBe('down');
    expect(result.diagnosis).toBe(`nothing is listening on 127.0.0.1:${port}`);
  });

  it('an HTML page where the list should be: the base URL is probably wrong', async () => {
    const url = await serve({ ...LIST, fault: { kind: 'html-error', status: 200 } });
    const result = await probeProvider(provider('lab', url), { env: { LAB_KEY: KEY } });
    expect(result.diagnosis).toBe('answered with HTML, not a models list (is the base URL right?)');
  });

  it('plain text where the list should be', async () => {
    const server = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('Hello from the proxy'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      const result = await probeProvider(provider('lab', url), { env: { LAB_KEY: KEY } });
      expect(result.diagnosis).toMatch(/^answered with text, not a models list \(is the base URL right\?\): response is not valid JSON/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a 401 names the key variable and never the key', async () => {
    const url = await serve({ ...LIST, fault: { kind: 'unauthorized', echoKey: true } });
    const result = await probeProvider(provider('lab', url), { env: { LAB_KEY: KEY } });
    expect(result).toMatchObject({ status: 'down', httpStatus: 401, diagnosis: 'the key was rejected (check LAB_KEY)' });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('a 404: no models endpoint at that URL', async () => {
    const url = await serve(LIST);
    const result = await probeProvider(provider('lab', url, {}, `${url}/api/models`), { env: { LAB_KEY: KEY } });
    expect(result).toMatchObject({ httpStatus: 404, diagnosis: `no models endpoint at ${url}/api/models` });
  });

  it('skips a provider whose key is missing, or probes without it when asked', async () => {
    const url = await serve({ ...LIST, fault: { kind: 'unauthorized' } });
    expect(await probeProvider(provider('lab', url), { env: {} })).toMatchObject({ status: 'skipped', key: 'missing', error: 'LAB_KEY is not set' });
    expect(mock?.requests).toHaveLength(0);
    const without = await probeProvider(provider('lab', url), { env: {}, missingKey: 'probe-without' });
    expect(without.diagnosis).toBe('the server wants a key: set LAB_KEY (or pass --key-env VAR)');
    expect(mock?.requests[0]?.headers.authorization).toBeUndefined();
  });
});

describe('probeProviders', () => {
  it('probes every provider and keeps their order', async () => {
    const url = await serve(LIST, { ...LIST, path: '/down/v1/models', fault: { kind: 'server-error', status: 503 } });
    const results = await probeProviders([provider('b-up', url), provider('a-down', `${url}/down`), provider('c-nokey', url, { api_key_env: 'NOPE_KEY' })], {
      env: { LAB_KEY: KEY },
      concurrency: 2,
    });
    expect(results.map((r) => [r.id, r.status, r.diagnosis])).toEqual([
      ['b-up', 'up', undefined],
      ['a-down', 'down', 'the provider failed (HTTP 503); it may be down'],
      ['c-nokey', 'skipped', undefined],
    ]);
  });
});

describe('probeProviders concurrency', () => {
  it('has several requests in flight at once', async () => {
    // Each request is held until two have arrived: probed one at a time, the first would time out.
    const held: (() => void)[] = [];
    const server = createHttpServer((_req, res) => {
      held.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(LIST.pages[0])));
      if (held.length >= 2) for (const answer of held.splice(0)) answer();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const results = await probeProviders([provider('one', url), provider('two', url)], {
        env: { LAB_KEY: KEY },
        concurrency: 2,
        timeoutMs: 5_000,
      });
      expect(results.map((r) => r.status)).toEqual(['up', 'up']);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

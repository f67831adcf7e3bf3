import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockRoute } from '@llm-catalog/testkit/mock-server/routes';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';
import { cliTestCatalog, openAiProvider } from '@llm-catalog/testkit/cli-catalog';

const KEY = 'sk-test-connection-secret';
const openAiList = (ids: string[]) => ({ object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'lab' })) });
const ROUTES: MockRoute[] = [
  { path: '/lab/v1/models', pages: [openAiList(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'])] },
  { path: '/ollama/api/tags', pages: [{ models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest' }] }] },
  { path: '/html/v1/models', pages: [openAiList(['x'])], fault: { kind: 'html-error', status: 200 } },
  { path: '/locked/v1/models', pages: [openAiList(['x'])], fault: { kind: 'unauthorized', echoKey: true } },
];

let mock: MockServer;
let tmp: TempDataDir;
beforeAll(async () => {
  mock = await startMockServer({ routes: ROUTES });
  tmp = await makeTempDataDir(cliTestCatalog());
});
afterAll(async () => {
  await mock.close();
  await tmp.cleanup();
});

const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCliCaptured(['--data', tmp.dir, 'test', ...args], { env });

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('catalog test', () => {
  it('reports status, latency, the model count and the first ids, and saves nothing', async () => {
    const before = await readFile(join(tmp.dir, 'providers.json'), 'utf8');
    const result = await run(['--url', `${mock.url}/lab/v1`, '--key-env', 'LAB_KEY'], { LAB_KEY: KEY });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^models url\s+http:\/\/127\.0\.0\.1:\d+\/lab\/v1\/models \(openai transformer\)$/m);
    expect(result.stdout).toMatch(/^key\s+LAB_KEY \(set\)$/m);
    expect(result.stdout).toMatch(/^status\s+ok: HTTP 200 with a models list in \d+ ms$/m);
    expect(result.stdout).toMatch(/^models\s+7: alpha, beta, gamma, delta, epsilon, \.\.\.$/m);
    expect(result.stdout).not.toContain(KEY);
    expect(mock.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(await readFile(join(tmp.dir, 'providers.json'), 'utf8')).toBe(before);
  });

  it('--format picks the listing path and transformer of that API', async () => {
    const result = await run(['--json', '--url', `${mock.url}/ollama`, '--format', 'ollama']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      format: 'OLLAMA',
      transformer: 'ollama',
      models_url: `${mock.url}/ollama/api/tags`,
      models: 1,
      sample: ['llama3.2:latest'],
    });
  });

  it('a dead port: nothing is listening (exit 1)', async () => {
    const port = await deadPort();
    const result = await run(['--url', `http://127.0.0.1:${port}/v1`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: nothing is listening on 127.0.0.1:${port}\n`);
  });

  it('HTML instead of JSON: the base URL is probably wrong (exit 1)', async () => {
    const result = await run(['--url', `${mock.url}/html/v1`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: answered with HTML, not a models list (is the base URL right?)\n');
  });

  it('a 401 names the key variable and never the key (exit 1)', async () => {
    const rejected = await run(['--url', `${mock.url}/locked/v1`, '--key-env', 'LAB_KEY'], { LAB_KEY: KEY });
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toBe('error: the key was rejected (check LAB_KEY)\n');
    expect(rejected.stdout + rejected.stderr).not.toContain(KEY);
    const missing = await run(['--url', `${mock.url}/locked/v1`, '--key-env', 'LAB_KEY']);
    expect(missing.stdout).toMatch(/^key\s+LAB_KEY \(not set: tested without a key\)$/m);
    expect(missing.stderr).toBe('error: the server wants a key: set LAB_KEY (or pass --key-env VAR)\n');
  });

  it('a 404: no models endpoint at the URL (exit 1, one JSON document with --json)', async () => {
    const result = await run(['--json', '--url', `${mock.url}/nowhere/v1`]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, http_status: 404, diagnosis: `no models endpoint at ${mock.url}/nowhere/v1/models` });
  });

  it('takes the key variable of the catalog provider at the same host', async () => {
    const result = await run(['--json', '--url', 'https://api.groq.com/openai/v1', '--timeout', '1', '--models-url', `${mock.url}/lab/v1/models`]);
    expect(JSON.parse(result.stdout)).toMatchObject({ detected: { type: 'groq' }, catalog_provider: 'groq', key_env: 'GROQ_API_KEY' });
  });

  it('tells two catalog providers on one host apart by path: the right key variable and transformer', async () => {
    const catalog = cliTestCatalog();
    catalog.providers.push(
      openAiProvider('lab', `${mock.url}/lab/v1`, { api_key_env: 'LAB_KEY' }),
      openAiProvider('locked', `${mock.url}/locked/v1`, { api_key_env: 'LOCKED_KEY' }),
    );
    const shared = await makeTempDataDir(catalog);
    try {
      const result = await runCliCaptured(['--data', shared.dir, '--json', 'test', '--url', `${mock.url}/lab/v1`], { env: { LAB_KEY: KEY } });
      expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, catalog_provider: 'lab', key_env: 'LAB_KEY', key: 'set', http_status: 200 });
    } finally {
      await shared.cleanup();
    }
  });

  it('a port browsers refuse (6000) is tried like any other: with nothing listening, the connection is refused', async () => {
    const result = await run(['--url', 'http://127.0.0.1:6000/v1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: nothing is listening on 127.0.0.1:6000\n');
  });

  it('bad flags are usage errors', async () => {
    expect((await run(['--url', 'llm.example.com'])).stderr).toBe('error: --url "llm.example.com" is not an absolute URL\n');
    expect((await run(['--url', `${mock.url}/lab/v1`, '--format', 'SOAP'])).code).toBe(2);
  });
});

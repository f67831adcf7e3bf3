import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FetchError } from './errors.ts';
import { getJson, type HttpOptions, type JsonRequest, type RetryInfo } from './http.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

let server: Server;
let base: string;
let handler: Handler;
let requests: { url: string; headers: IncomingMessage['headers']; at: number }[];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', headers: req.headers, at: Date.now() });
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const options = (over: Partial<HttpOptions> = {}): HttpOptions => ({
  timeoutMs: 2_000,
  retries: 3,
  retryBaseDelayMs: 5,
  maxRetryDelayMs: 5_000,
  maxBytes: 1024 * 1024,
  ...over,
});
const request = (over: Partial<JsonRequest> = {}): JsonRequest => ({
  providerId: 'groq',
  url: `${base}/v1/models`,
  headers: {},
  query: {},
  secrets: [],
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('getJson', () => {
  it('returns the parsed body, sending headers and query', async () => {
    handler = (_req, res) => json(res, 200, { data: [{ id: 'm1' }] });
    const body = await getJson(
      request({ headers: { Authorization: 'Bearer k' }, query: { page: '2' } }),
      options(),
    );
    expect(body).toEqual({ data: [{ id: 'm1' }] });
    expect(requests[0]?.url).toBe('/v1/models?page=2');
    expect(requests[0]?.headers.authorization).toBe('Bearer k');
  });

  it('reports an auth failure in words, without retrying', async () => {
    handler = (_req, res) => json(res, 401, { error: { message: 'invalid api key' } });
    const err = await failure(getJson(request(), options()));
    expect(err.message).toBe('groq: HTTP 401 invalid api key');
    expect(err.kind).toBe('http');
    expect(err.status).toBe(401);
    expect(requests).toHaveLength(1);
  });

  it('retries server errors with backoff and succeeds', async () => {
    handler = (_req, res, n) => (n < 3 ? json(res, 503, { error: 'overloaded' }) : json(res, 200, []));
    const retries: RetryInfo[] = [];
    await expect(getJson(request(), options({ onRetry: (r) => retries.push(r) }))).resolves.toEqual([]);
    expect(requests).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(retries[0]?.reason).toBe('HTTP 503 overloaded');
  });

  it('gives up after the configured retries and says how often it tried', async () => {
    handler = (_req, res) => json(res, 500, { error: 'boom' });
    const err = await failure(getJson(request(), options({ retries: 2 })));
    expect(err.message).toBe('groq: HTTP 500 boom (after 3 attempts)');
    expect(requests).toHaveLength(3);
  });

  it('waits what Retry-After asks on 429, then succeeds', async () => {
    handler = (_req, res, n) =>
      n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: true });
    await expect(getJson(request(), options({ retryBaseDelayMs: 1 }))).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.at - requests[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After beyond the maximum', async () => {
    handler = (_req, res) => json(res, 429, { error: 'quota' }, { 'retry-after': '3600' });
    const err = await failure(getJson(request(), options({ maxRetryDelayMs: 1_000 })));
    expect(err.message).toBe('groq: HTTP 429 quota (asked to retry after 3600s; not waiting that long)');
    expect(requests).toHaveLength(1);
  });

  it('times out a server that never answers', async () => {
    handler = () => undefined;
    const err = await failure(getJson(request(), options({ timeoutMs: 150, retries: 0 })));
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe('groq: no complete response within 150ms');
  });

  it('times out a body that stalls after the headers', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
    };
    const err = await failure(getJson(request(), options({ timeoutMs: 150, retries: 1 })));
    expect(err.kind).toBe('timeout');
    expect(requests).toHaveLength(2);
  });

  it('refuses a body larger than the cap, declared or streamed', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(5_000) });
    handler = (_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(big.length) });
        res.end(big);
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(big.slice(0, 3000));
        res.end(big.slice(3000));
      }
    };
    const declared = await failure(getJson(request(), options({ maxBytes: 1_000 })));
    expect(declared.kind).toBe('body');
    expect(declared.message).toMatch(/larger than/);
    const streamed = await failure(getJson(request(), options({ maxBytes: 1_000 })));
    expect(streamed.kind).toBe('body');
  });

  it('reports an HTML page or truncated JSON on 200 as a body error, without retrying', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><head><title>Sign in</title></head></html>');
    };
    const html = await failure(getJson(request(), options()));
    expect(html.message).toBe('groq: expected JSON, got HTML page "Sign in"');
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":[{"id":"m1"},');
    };
    const truncated = await failure(getJson(request(), options()));
    expect(truncated.kind).toBe('body');
    expect(truncated.message).toMatch(/^groq: response is not valid JSON/);
    expect(requests).toHaveLength(2);
  });

  it('never repeats a key that the upstream error echoes', async () => {
    const key = 'canary-9f8e7d6c5b4a';
    handler = (_req, res) => json(res, 401, { error: { message: `Incorrect API key provided: ${key}` } });
    const err = await failure(getJson(request({ secrets: [key] }), options()));
    expect(err.message).not.toContain(key);
    expect(err.message).toBe('groq: HTTP 401 Incorrect API key provided: [redacted]');
  });

  it('reports a refused connection as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(getJson(request({ url: `http://127.0.0.1:${port}/v1/models` }), options({ retries: 0 })));
    expect(err.kind).toBe('network');
    expect(err.message).toBe(`groq: cannot connect to 127.0.0.1:${port} (connection refused)`);
  });

  it('retries a connection dropped mid-body', async () => {
    handler = (_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"data":[');
        res.destroy();
      } else json(res, 200, { data: [] });
    };
    await expect(getJson(request(), options())).resolves.toEqual({ data: [] });
    expect(requests).toHaveLength(2);
  });
});

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
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

  it('asks for compressed bodies and reads gzip, deflate and brotli; the size cap counts the decoded bytes', async () => {
    const body = { object: 'list', data: Array.from({ length: 200 }, (_, i) => ({ id: `model-${i}`, owned_by: 'acme' })) };
    const text = JSON.stringify(body);
    const encoders = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;
    for (const [encoding, encode] of Object.entries(encoders)) {
      handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
        res.end(encode(text));
      };
      expect(await getJson(request(), options())).toEqual(body);
      expect(requests.at(-1)?.headers['accept-encoding']).toBe('gzip, deflate, br');
    }
    // A small compressed body that would decode to more than the cap is refused, not inflated.
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ data: 'x'.repeat(200_000) })));
    };
    const err = await failure(getJson(request(), options({ maxBytes: 50_000, retries: 0 })));
    expect(err.message).toContain('larger than');
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

  it.each([
    ['x-api-key', { 'x-api-key': 'canary-anthropic-3b7f19ac' }, {}],
    ['x-goog-api-key', { 'x-goog-api-key': 'canary-gemini-e60d24b8' }, {}],
    ['a query key', {}, { key: 'canary-query-77aa01bc' }],
  ])('refuses a redirect to another origin while carrying a key in %s', async (_where, headers, query) => {
    const key = Object.values({ ...headers, ...query })[0] as string;
    handler = (req, res, n) => {
      if (n === 1) {
        res.writeHead(302, { location: `${base.replace('127.0.0.1', 'localhost')}/stolen` });
        res.end();
      } else json(res, 200, { data: [], got: req.headers });
    };
    const err = await failure(getJson(request({ headers, query, secrets: [key] }), options()));
    expect(err.message).toBe(`groq: HTTP 302 redirect to another origin (${base.replace('127.0.0.1', 'localhost')}); not sending the key there`);
    expect(requests).toHaveLength(1);
  });

  it('follows a redirect within the origin, and one to another origin when no key is sent', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/v1/models')) {
        res.writeHead(301, { location: '/v2/models' });
        res.end();
      } else if (req.url === '/v2/models') {
        res.writeHead(307, { location: `${base.replace('127.0.0.1', 'localhost')}/public` });
        res.end();
      } else json(res, 200, { data: [{ id: 'm1' }] });
    };
    await expect(getJson(request(), options())).resolves.toEqual({ data: [{ id: 'm1' }] });
    expect(requests.map((r) => r.url)).toEqual(['/v1/models', '/v2/models', '/public']);
  });

  it('keeps the key on a redirect within the origin, and stops a redirect loop', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { location: '/v1/models' });
      res.end();
    };
    const err = await failure(getJson(request({ headers: { 'x-api-key': 'canary-same-origin-1' }, secrets: ['canary-same-origin-1'] }), options()));
    expect(err.message).toBe('groq: more than 5 redirects; stopped');
    expect(requests.every((r) => r.headers['x-api-key'] === 'canary-same-origin-1')).toBe(true);
  });

  it('redacts a key before the message is cut short, so no prefix of it survives', async () => {
    const key = 'canary-cut-0123456789';
    handler = (_req, res) => json(res, 401, { error: { message: `${'m'.repeat(179)} ${key}` } });
    const err = await failure(getJson(request({ secrets: [key] }), options()));
    expect(err.message).not.toContain(key.slice(0, 10));
  });

  it('never quotes a key that starts a 200 body that is not JSON', async () => {
    const key = 'canary-text-0123456789';
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${key} is not a model list`);
    };
    const err = await failure(getJson(request({ secrets: [key] }), options()));
    expect(err.message).not.toContain(key.slice(1, 8));
    expect(err.message).toMatch(/^groq: response is not valid JSON \(invalid JSON at line 1, column 1/);
  });

  it('escapes terminal control sequences an error body carries', async () => {
    handler = (_req, res) => json(res, 403, { error: { message: 'denied\u001b]0;TITLE\u0007\u001b[2J' } });
    const err = await failure(getJson(request(), options()));
    expect(err.message).toBe('groq: HTTP 403 denied\\u001b]0;TITLE\\u0007\\u001b[2J');
    expect(err.message).not.toMatch(/\p{Cc}/u);
  });

  it('refuses a body nested deeper than any reader accepts', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"data":${'['.repeat(7000)}${']'.repeat(7000)}}`);
    };
    const err = await failure(getJson(request(), options()));
    expect(err.message).toMatch(/^groq: response is not valid JSON \(nested deeper than 100 levels/);
  });

  it('backs off as usual on a negative Retry-After instead of retrying at once', async () => {
    handler = (_req, res, n) =>
      n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '-5' }) : json(res, 200, { ok: true });
    const retries: RetryInfo[] = [];
    await getJson(request(), options({ retryBaseDelayMs: 200, random: () => 0, onRetry: (r) => retries.push(r) }));
    expect(retries.map((r) => r.delayMs)).toEqual([100]);
  });
});

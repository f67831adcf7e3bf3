import { afterEach, describe, expect, it } from 'vitest';
import type { MockFault, MockRoute } from './routes.ts';
import { type MockServer, type MockServerOptions, startMockServer } from './server.ts';

const LIST = { object: 'list', data: [{ id: 'model-a', object: 'model' }, { id: 'model-b', object: 'model' }] };
const ANTHROPIC_PAGES = [
  { data: [{ type: 'model', id: 'claude-a' }], has_more: true, first_id: 'claude-a', last_id: 'claude-a' },
  { data: [{ type: 'model', id: 'claude-b' }], has_more: false, first_id: 'claude-b', last_id: 'claude-b' },
];
const GEMINI_PAGES = [
  { models: [{ name: 'models/gemini-a' }], nextPageToken: 'token-1' },
  { models: [{ name: 'models/gemini-b' }] },
];

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(routes: MockRoute[], options: Omit<MockServerOptions, 'routes'> = {}): Promise<MockServer> {
  server = await startMockServer({ routes, ...options });
  return server;
}

const listRoute = (fault?: MockFault): MockRoute => ({ path: '/acme/v1/models', pages: [LIST], ...(fault ? { fault } : {}) });

describe('mock provider server', () => {
  it('serves a route body on 127.0.0.1 and records each request with its headers', async () => {
    const s = await serve([listRoute()]);
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${s.url}/acme/v1/models?limit=5`, { headers: { authorization: 'Bearer sk-test-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual(LIST);
    expect(s.requests).toHaveLength(1);
    expect(s.requests[0]).toMatchObject({ method: 'GET', path: '/acme/v1/models', query: { limit: '5' } });
    expect(s.requests[0]?.headers.authorization).toBe('Bearer sk-test-1');
  });

  it('answers 404 for a path it has no route for, and still records it', async () => {
    const s = await serve([listRoute()]);
    const res = await fetch(`${s.url}/nobody/v1/models`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('/nobody/v1/models');
    expect(s.requests.map((r) => r.path)).toEqual(['/nobody/v1/models']);
  });

  it('pages like Anthropic: after_id of the last id gives the next page', async () => {
    const s = await serve([{ path: '/anthropic/v1/models', pages: ANTHROPIC_PAGES, paging: 'anthropic' }]);
    const first = await (await fetch(`${s.url}/anthropic/v1/models?limit=1`)).json();
    expect(first).toEqual(ANTHROPIC_PAGES[0]);
    const second = await (await fetch(`${s.url}/anthropic/v1/models?limit=1&after_id=claude-a`)).json();
    expect(second).toEqual(ANTHROPIC_PAGES[1]);
    const bad = await fetch(`${s.url}/anthropic/v1/models?after_id=claude-zzz`);
    expect(bad.status).toBe(400);
  });

  it('pages like Gemini: pageToken of nextPageToken gives the next page', async () => {
    const s = await serve([{ path: '/gemini/v1beta/models', pages: GEMINI_PAGES, paging: 'gemini' }]);
    expect(await (await fetch(`${s.url}/gemini/v1beta/models`)).json()).toEqual(GEMINI_PAGES[0]);
    expect(await (await fetch(`${s.url}/gemini/v1beta/models?pageToken=token-1`)).json()).toEqual(GEMINI_PAGES[1]);
    expect(s.requests.map((r) => r.query.pageToken)).toEqual([undefined, 'token-1']);
  });

  it('rate-limits N times with Retry-After, then answers normally', async () => {
    const s = await serve([listRoute({ kind: 'rate-limit', times: 2, retryAfter: '3' })]);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${s.url}/acme/v1/models`);
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers.get('retry-after')).toBe('3');
      else expect(await res.json()).toEqual(LIST);
    }
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('a fault without times hits every request; with times, only the first ones', async () => {
    const s = await serve([
      listRoute({ kind: 'server-error', status: 502 }),
      { path: '/flaky/v1/models', pages: [LIST], fault: { kind: 'server-error', times: 1 } },
    ]);
    for (let i = 0; i < 3; i++) expect((await fetch(`${s.url}/acme/v1/models`)).status).toBe(502);
    expect((await fetch(`${s.url}/flaky/v1/models`)).status).toBe(503);
    expect((await fetch(`${s.url}/flaky/v1/models`)).status).toBe(200);
  });

  it('serves an HTML error page that is not JSON', async () => {
    const s = await serve([listRoute({ kind: 'html-error' })]);
    const res = await fetch(`${s.url}/acme/v1/models`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const text = await res.text();
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('truncates the JSON body of a complete 200 answer', async () => {
    const s = await serve([listRoute({ kind: 'truncated-json' })]);
    const res = await fetch(`${s.url}/acme/v1/models`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.stringify(LIST).startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(JSON.stringify(LIST).length);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('drops the connection halfway through the body in connection mode', async () => {
    const s = await serve([listRoute({ kind: 'truncated-json', mode: 'connection' })]);
    const res = await fetch(`${s.url}/acme/v1/models`);
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it('a slow answer outlasts a client timeout, and close() does not wait for it', async () => {
    const s = await serve([listRoute({ kind: 'slow', delayMs: 60_000 })]);
    await expect(fetch(`${s.url}/acme/v1/models`, { signal: AbortSignal.timeout(100) })).rejects.toThrow(
      /timeout|aborted/i,
    );
    const pendingAnswer = fetch(`${s.url}/acme/v1/models`).catch((err: unknown) => err);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await s.close();
    server = undefined;
    expect(await pendingAnswer).toBeInstanceOf(Error);
  });

  it('a slow fault with times answers late once, then on time', async () => {
    const s = await serve([listRoute({ kind: 'slow', delayMs: 60_000, times: 1 })]);
    await expect(fetch(`${s.url}/acme/v1/models`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(await (await fetch(`${s.url}/acme/v1/models`)).json()).toEqual(LIST);
  });

  it('delays every answer by the route latency', async () => {
    const s = await serve([{ ...listRoute(), latencyMs: 120 }]);
    const started = performance.now();
    await (await fetch(`${s.url}/acme/v1/models`)).json();
    // Node may fire a timer up to a millisecond early; the bound is loose on purpose.
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('an empty list keeps the envelope of the route shape', async () => {
    const s = await serve([
      { path: '/anthropic/v1/models', pages: ANTHROPIC_PAGES, paging: 'anthropic', fault: { kind: 'empty-list' } },
      { path: '/gemini/v1beta/models', pages: GEMINI_PAGES, paging: 'gemini', fault: { kind: 'empty-list' } },
      { path: '/together/v1/models', pages: [[{ id: 'x' }]], fault: { kind: 'empty-list' } },
    ]);
    expect(await (await fetch(`${s.url}/anthropic/v1/models`)).json()).toEqual({
      data: [],
      has_more: false,
      first_id: null,
      last_id: null,
    });
    expect(await (await fetch(`${s.url}/gemini/v1beta/models`)).json()).toEqual({ models: [] });
    expect(await (await fetch(`${s.url}/together/v1/models`)).json()).toEqual([]);
  });

  it('answers HTTP 200 with an error body in both styles', async () => {
    const s = await serve([
      listRoute({ kind: 'error-body', style: 'success-false', message: 'quota exhausted' }),
      { path: '/other/v1/models', pages: [LIST], fault: { kind: 'error-body', style: 'error-object' } },
    ]);
    const a = await fetch(`${s.url}/acme/v1/models`);
    expect(a.status).toBe(200);
    expect(await a.json()).toMatchObject({ success: false, message: 'quota exhausted' });
    const b = await fetch(`${s.url}/other/v1/models`);
    expect(b.status).toBe(200);
    expect(await b.json()).toMatchObject({ error: { message: expect.any(String) } });
  });

  it('answers 401, echoing the received key only when asked to', async () => {
    const s = await serve([
      listRoute({ kind: 'unauthorized', echoKey: true }),
      { path: '/quiet/v1/models', pages: [LIST], fault: { kind: 'unauthorized' } },
      { path: '/gemini/v1beta/models', pages: [LIST], fault: { kind: 'unauthorized', echoKey: true } },
    ]);
    const echoed = await fetch(`${s.url}/acme/v1/models`, { headers: { 'x-api-key': 'sk-secret-echo-123' } });
    expect(echoed.status).toBe(401);
    expect(await echoed.text()).toContain('sk-secret-echo-123');
    const quiet = await fetch(`${s.url}/quiet/v1/models`, { headers: { authorization: 'Bearer sk-secret-quiet' } });
    expect(quiet.status).toBe(401);
    expect(await quiet.text()).not.toContain('sk-secret-quiet');
    const byQuery = await fetch(`${s.url}/gemini/v1beta/models?key=AIza-query-key`);
    expect(await byQuery.text()).toContain('AIza-query-key');
  });

  it('setRoute replaces a route and starts its fault count again', async () => {
    const s = await serve([listRoute({ kind: 'rate-limit', times: 1 })]);
    expect((await fetch(`${s.url}/acme/v1/models`)).status).toBe(429);
    expect((await fetch(`${s.url}/acme/v1/models`)).status).toBe(200);
    const changed = { object: 'list', data: [{ id: 'model-c', object: 'model' }] };
    s.setRoute({ path: '/acme/v1/models', pages: [changed], fault: { kind: 'rate-limit', times: 1 } });
    expect((await fetch(`${s.url}/acme/v1/models`)).status).toBe(429);
    expect(await (await fetch(`${s.url}/acme/v1/models`)).json()).toEqual(changed);
    expect(s.routes()).toHaveLength(1);
  });

  it('refuses routes it could not serve as declared', async () => {
    await expect(startMockServer({ routes: [{ path: '/x/v1/models', pages: ANTHROPIC_PAGES }] })).rejects.toThrow(
      /no paging style/,
    );
    await expect(
      startMockServer({
        routes: [{ path: '/x/v1/models', pages: [ANTHROPIC_PAGES[1], ANTHROPIC_PAGES[0]], paging: 'anthropic' }],
      }),
    ).rejects.toThrow(/names no next page/);
    await expect(startMockServer({ routes: [{ path: 'x/v1/models', pages: [LIST] }] })).rejects.toThrow(/start with/);
  });
});

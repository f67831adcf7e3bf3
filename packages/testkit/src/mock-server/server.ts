/**
 * A local HTTP server that plays many LLM providers' list-models APIs, with latency and faults on
 * demand, and records every request it receives. Used by tests, `pnpm mock`, `pnpm demo` and
 * `pnpm bench`; never reaches the network itself.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultResponse, jsonResponse, type MockResponse, pageResponse, receivedKeyOf } from './responses.ts';
import { assertValidRoute, type MockRoute } from './routes.ts';

export interface RecordedRequest {
  method: string;
  /** The path without its query. */
  path: string;
  query: Record<string, string>;
  /** Every header as received, authentication included, so tests can check what was sent. */
  headers: IncomingHttpHeaders;
}

export interface MockServerOptions {
  routes?: readonly MockRoute[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Delay before every answer, for routes that set no `latencyMs` of their own. */
  latencyMs?: number;
}

export interface MockServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  port: number;
  /** Every request received so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  routes(): MockRoute[];
  /** Adds a route, or replaces the one with the same path (its fault count starts again). */
  setRoute(route: MockRoute): void;
  /** Stops listening, drops open connections and pending delayed answers. */
  close(): Promise<void>;
}

interface RouteState {
  route: MockRoute;
  hits: number;
}

function send(res: ServerResponse, answer: MockResponse): void {
  if (answer.cutAfterBytes === undefined) {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
    return;
  }
  const bytes = Buffer.from(answer.body, 'utf8');
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(bytes.length) });
  res.write(bytes.subarray(0, answer.cutAfterBytes), () => res.socket?.destroy());
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const routes = new Map<string, RouteState>();
  const requests: RecordedRequest[] = [];
  const pending = new Set<NodeJS.Timeout>();

  const setRoute = (route: MockRoute) => {
    assertValidRoute(route);
    routes.set(route.path, { route, hits: 0 });
  };
  for (const route of options.routes ?? []) setRoute(route);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
    });
    const state = routes.get(url.pathname);
    if (!state) {
      send(res, jsonResponse(404, { error: { message: `no mock route for ${url.pathname}` } }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, jsonResponse(405, { error: { message: `${req.method} is not served; list-models is GET` } }));
      return;
    }
    state.hits += 1;
    const { route } = state;
    const fault = route.fault && (route.fault.times === undefined || state.hits <= route.fault.times) ? route.fault : undefined;
    const delay = (route.latencyMs ?? options.latencyMs ?? 0) + (fault?.kind === 'slow' ? fault.delayMs : 0);

    const answer = () => {
      const normal = pageResponse(route, url.searchParams);
      send(res, fault ? faultResponse(fault, route, normal, receivedKeyOf(req.headers, url.searchParams)) : normal);
    };
    if (delay <= 0) {
      answer();
      return;
    }
    const timer = setTimeout(() => {
      pending.delete(timer);
      answer();
    }, delay);
    pending.add(timer);
    // A client that gave up (its timeout) must not leave a timer behind.
    res.on('close', () => {
      clearTimeout(timer);
      pending.delete(timer);
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    routes: () => [...routes.values()].map((s) => s.route),
    setRoute,
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type AppOptions, createApp } from './app.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';
import { newToken } from './security.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ServeOptions extends Omit<AppOptions, 'token' | 'allowedHosts'> {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Required when `host` is not a loopback address: a token the person chose and shares knowingly. */
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The URL to open: it hands the token to the browser, which keeps it as a cookie. */
  openUrl: string;
  token: string;
  close(): Promise<void>;
}

export class ServeOptionsError extends Error {
  override name = 'ServeOptionsError';
}

/** Starts the app on a port. Bound to 127.0.0.1 unless told otherwise; another host needs an explicit token. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const loopback = LOOPBACK.has(host);
  if (!loopback && !options.token) {
    throw new ServeOptionsError(`binding ${host} makes the server reachable from other machines: give --token so only people you share it with can change the catalog`);
  }
  if (options.token !== undefined && options.token.length < 16) throw new ServeOptionsError('--token must be at least 16 characters');
  const token = options.token ?? newToken();
  // The app needs the port (for the hosts it answers to), known only once the server listens.
  const handler: { app?: ReturnType<typeof createApp> } = {};
  const server = serve({
    fetch: (req) => (handler.app ? handler.app.fetch(req) : new Response('starting', { status: 503 })),
    hostname: host,
    port: options.port ?? DEFAULT_PORT,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  handler.app = createApp({
    ...options,
    token,
    ...(loopback ? { allowedHosts: [`${urlHost}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`] } : {}),
  });
  const url = `http://${urlHost}:${port}`;
  return {
    url,
    openUrl: `${url}/providers?token=${encodeURIComponent(token)}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

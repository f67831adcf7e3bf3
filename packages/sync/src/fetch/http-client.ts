import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** One HTTP response, its body decoded (gzip, deflate, br) as it arrives. */
export interface HttpResponse {
  status: number;
  statusText: string;
  /** A header's value (several values joined with ", "), or undefined. */
  header(name: string): string | undefined;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading the body and lets the connection go. */
  discard(): void;
}

// Connections are kept for the next request to the same host: a sync asks one host for several
// pages, and a catalog's providers often share one. An idle socket does not keep the process alive.
const AGENTS = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) } as const;

function decoded(res: IncomingMessage): Readable {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (!decoder) return res;
  res.on('error', (err) => decoder.destroy(err));
  return res.pipe(decoder);
}

/**
 * A GET with Node's own `http`/`https`, not `fetch`: a sync sends hundreds of requests at once,
 * and `fetch` (its WHATWG streams and request objects) took twice the time and much of the memory
 * of a large run for the same bodies. Redirects are not followed (the caller decides, see `send`);
 * `signal` aborts the request and the body alike.
 */
export function httpGet(url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
  const protocol = url.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') return Promise.reject(new TypeError(`unsupported protocol ${protocol}`));
  const send = protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: 'GET', headers: { 'accept-encoding': 'gzip, deflate, br', ...headers }, agent: AGENTS[protocol], signal },
      (res) => {
        const body = decoded(res);
        // Errors reach the reader through iteration; without a listener, one that came before the
        // reader started would be thrown at the process.
        body.on('error', () => undefined);
        signal.addEventListener('abort', () => body.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted')), {
          once: true,
        });
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          header: (name) => {
            const value = res.headers[name.toLowerCase()];
            return Array.isArray(value) ? value.join(', ') : value;
          },
          body,
          discard: () => {
            body.destroy();
            res.destroy();
          },
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

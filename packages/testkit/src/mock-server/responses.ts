/** The answers of the mock provider server, as plain values: status, headers, body text. */
import type { IncomingHttpHeaders } from 'node:http';
import { emptyBodyOf, type MockFault, type MockRoute, selectPage } from './routes.ts';

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /**
   * Write only this many bytes of `body` and then destroy the socket, while `Content-Length`
   * announces the whole body: a connection that dies mid-answer.
   */
  cutAfterBytes?: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const serialized = new WeakMap<object, string>();

/** JSON text of a body; bodies are immutable once served, so each is serialized once. */
function jsonText(value: unknown): string {
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  let text = serialized.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    serialized.set(value, text);
  }
  return text;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): MockResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: jsonText(value) };
}

/** The route's normal answer to a request: the page its cursor asks for, or a 400 for a bad cursor. */
export function pageResponse(route: MockRoute, query: URLSearchParams): MockResponse {
  const selection = selectPage(route, query);
  if (!selection.ok) {
    return jsonResponse(400, { error: { type: 'invalid_request_error', message: selection.message } });
  }
  return jsonResponse(200, route.pages[selection.index]);
}

/** The API key a request carried, wherever the provider expects it. */
export function receivedKeyOf(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth !== '') return auth.replace(/^Bearer\s+/i, '');
  for (const name of ['x-api-key', 'x-goog-api-key', 'api-key']) {
    const value = headers[name];
    if (typeof value === 'string' && value !== '') return value;
  }
  return query.get('key') ?? undefined;
}

const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>502 Bad Gateway</title></head>
<body>
<h1>502 Bad Gateway</h1>
<p>The upstream server returned an invalid response. Please try again in a few minutes.</p>
<hr><p>mock-edge</p>
</body>
</html>
`;

/**
 * The answer a fault replaces the normal one with. `normal` is the answer the route would have
 * given; faults that damage it (truncation) start from it. A slow answer is the normal answer,
 * late: the server applies the delay.
 */
export function faultResponse(
  fault: MockFault,
  route: MockRoute,
  normal: MockResponse,
  receivedKey: string | undefined,
): MockResponse {
  switch (fault.kind) {
    case 'rate-limit':
      return jsonResponse(
        429,
        { error: { type: 'rate_limit_error', message: 'Rate limit reached for requests. Please retry later.' } },
        { 'retry-after': fault.retryAfter ?? '1' },
      );
    case 'server-error':
      return jsonResponse(fault.status ?? 503, {
        error: { type: 'server_error', message: 'The server is temporarily overloaded. Please retry.' },
      });
    case 'html-error':
      return {
        status: fault.status ?? 502,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: HTML_ERROR_PAGE,
      };
    case 'truncated-json': {
      const half = Math.max(1, Math.floor(normal.body.length / 2));
      return fault.mode === 'connection'
        ? { ...normal, cutAfterBytes: half }
        : { ...normal, body: normal.body.slice(0, half) };
    }
    case 'slow':
      return normal;
    case 'empty-list':
      return jsonResponse(200, emptyBodyOf(route.pages[0]));
    case 'error-body': {
      const message = fault.message ?? 'The model list is temporarily unavailable.';
      return jsonResponse(
        200,
        fault.style === 'success-false'
          ? { success: false, message, data: null }
          : { error: { message, type: 'upstream_error', code: 'service_unavailable' } },
      );
    }
    case 'unauthorized': {
      const message =
        fault.echoKey && receivedKey !== undefined
          ? `Incorrect API key provided: ${receivedKey}. You can find your API key in your account settings.`
          : 'Invalid authentication credentials.';
      return jsonResponse(401, { error: { message, type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
  }
}

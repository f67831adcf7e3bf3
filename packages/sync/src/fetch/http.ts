import { setTimeout as sleep } from 'node:timers/promises';
import { parseJsonText } from '@llm-catalog/catalog';
import { FetchError } from './errors.ts';
import { httpGet, type HttpResponse } from './http-client.ts';
import { redactSecrets } from './redact.ts';
import { backoffDelayMs, isRetryableStatus, parseRetryAfter } from './retry.ts';
import { describeErrorBody, describeNonJsonBody } from './upstream-message.ts';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
/** A `Retry-After` longer than this is not waited for: the provider fails now and is retried next run. */
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;
/** The largest real list (OpenRouter, a few hundred models) is about 2 MB; this leaves ample room. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** Error bodies are read only as far as a message can be found in them. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Redirects followed within one origin before giving up. */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface HttpOptions {
  /** Per attempt, covering the headers and the whole body. */
  timeoutMs: number;
  /** Further attempts after the first, on timeouts, network errors, 408, 425, 429 and 5xx. */
  retries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  maxBytes: number;
  onRetry?: (retry: RetryInfo) => void;
  /** Told the HTTP status of every successful (2xx) response, so a caller can report what it got. */
  onSuccessStatus?: (status: number) => void;
  random?: () => number;
}

/** The options given, and the defaults for the rest. */
export function httpOptionsWithDefaults(options: Partial<HttpOptions>): HttpOptions {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
    retryBaseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
    maxRetryDelayMs: options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.onSuccessStatus ? { onSuccessStatus: options.onSuccessStatus } : {}),
  };
}

export interface RetryInfo {
  providerId: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface JsonRequest {
  providerId: string;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Texts that must never appear in an error (the key, wherever it was put). */
  secrets: readonly string[];
}

class BodyTooLargeError extends Error {}

/** Reads a body as text, refusing (or, for error bodies, cutting) anything longer than `limit` bytes. */
async function readText(response: HttpResponse, limit: number, onOverflow: 'throw' | 'truncate'): Promise<string> {
  const declared = Number(response.header('content-length') ?? NaN);
  if (onOverflow === 'throw' && declared > limit) {
    response.discard();
    throw new BodyTooLargeError();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const value of response.body) {
    total += value.byteLength;
    if (total > limit) {
      response.discard();
      if (onOverflow === 'throw') throw new BodyTooLargeError();
      chunks.push(value.subarray(0, value.byteLength - (total - limit)));
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Number((ms / 1000).toFixed(1))}s`;
}

/** The errors wrapped in `err`, outermost first (fetch and undici wrap the system error). */
function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = err; current && chain.length < 5; current = (current as { cause?: unknown }).cause) chain.push(current);
  return chain;
}

/** The code of the system error, under any wrapper (`ECONNREFUSED`, ...). */
function rootCauseCode(err: unknown): string | undefined {
  for (const e of causeChain(err)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function networkReason(err: unknown, url: string): string {
  const code = rootCauseCode(err);
  const host = new URL(url).host;
  if (code === 'ECONNREFUSED') return `cannot connect to ${host} (connection refused)`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve ${host}`;
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return `connection to ${host} closed before the response was complete`;
  }
  // The message of a wrapper may quote the URL, and with it a key sent as a query parameter.
  return `network error reaching ${host}${code ? ` (${code})` : ''}`;
}

interface AttemptFailure {
  error: FetchError;
  retryable: boolean;
  /** What the server asked us to wait, when it said. */
  retryAfterMs?: number;
}

/** Whether any header or query value of the request holds one of its secrets (a key, however prefixed). */
function carriesSecret(request: JsonRequest, query: Record<string, string>): boolean {
  const values = [...Object.values(request.headers), ...Object.values(query)].map((v) => v.toLowerCase());
  return request.secrets.some((secret) => secret !== '' && values.some((v) => v.includes(secret.toLowerCase())));
}

/** The URL with `query` set on it; untouched when there is none (a redirect's location is used as given). */
function withQuery(url: string, query: Record<string, string>): string {
  const entries = Object.entries(query);
  if (entries.length === 0) return url;
  const target = new URL(url);
  for (const [key, value] of entries) target.searchParams.set(key, value);
  return target.href;
}

/**
 * Sends the GET (`httpGet`: Node's own `http`, no client library: a library's retry knows no
 * Retry-After ceiling, its timeout does not cover reading the body, its parsing has no byte cap and
 * its errors quote the URL, key and all). Redirects are followed by hand: a client following them
 * would carry custom key headers (`x-api-key`, `x-goog-api-key`) and query keys to whatever origin a
 * redirect names. A redirect to another origin is refused when the request carries a key; within
 * the origin it is followed.
 */
async function send(request: JsonRequest, signal: AbortSignal): Promise<HttpResponse | FetchError> {
  const { providerId, secrets } = request;
  let url = request.url;
  let query = request.query;
  for (let hop = 0; ; hop++) {
    const response = await httpGet(new URL(withQuery(url, query)), { 'user-agent': 'llm-catalog', ...request.headers }, signal);
    const location = response.header('location');
    if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
    response.discard();
    const from = new URL(url);
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      return new FetchError(providerId, 'http', `HTTP ${response.status} redirect to an unreadable location`, { secrets });
    }
    if (next.origin !== from.origin && carriesSecret(request, query)) {
      return new FetchError(
        providerId,
        'http',
        `HTTP ${response.status} redirect to another origin (${next.origin}); not sending the key there`,
        { status: response.status, secrets },
      );
    }
    if (hop >= MAX_REDIRECTS) {
      return new FetchError(providerId, 'http', `more than ${MAX_REDIRECTS} redirects; stopped`, { secrets });
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return new FetchError(providerId, 'http', `HTTP ${response.status} redirect to a ${next.protocol} URL; refused`, { secrets });
    }
    // The location is the whole next URL; the query of the first request is not added again.
    url = next.href;
    query = {};
  }
}

async function attempt(request: JsonRequest, options: HttpOptions): Promise<{ body: unknown } | AttemptFailure> {
  const { providerId, secrets } = request;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await send(request, controller.signal);
    if (response instanceof FetchError) return { error: response, retryable: false };
    const contentType = response.header('content-type') ?? null;
    if (response.status < 200 || response.status >= 300) {
      // Redacted before anything shortens it: a cut through a key would leave a prefix redaction misses.
      const text = redactSecrets(await readText(response, MAX_ERROR_BODY_BYTES, 'truncate'), secrets);
      const said = describeErrorBody(text, contentType) ?? response.statusText;
      const retryAfterMs = parseRetryAfter(response.header('retry-after') ?? null);
      return {
        error: new FetchError(providerId, 'http', `HTTP ${response.status}${said ? ` ${said}` : ''}`, {
          status: response.status,
          secrets,
        }),
        retryable: isRetryableStatus(response.status),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    const text = await readText(response, options.maxBytes, 'throw');
    const parsed = parseJsonText(text);
    if (parsed.ok) {
      options.onSuccessStatus?.(response.status);
      return { body: parsed.value };
    }
    const reason = describeNonJsonBody(redactSecrets(text, secrets), contentType, parsed.message);
    return { error: new FetchError(providerId, 'body', reason, { status: response.status, secrets }), retryable: false };
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      const mb = Math.round(options.maxBytes / (1024 * 1024));
      return {
        error: new FetchError(providerId, 'body', `response body is larger than ${mb} MB; refused`, { secrets }),
        retryable: false,
      };
    }
    if (timedOut) {
      return {
        error: new FetchError(providerId, 'timeout', `no complete response within ${formatDuration(options.timeoutMs)}`, {
          secrets,
        }),
        retryable: true,
      };
    }
    return { error: new FetchError(providerId, 'network', networkReason(err, request.url), { secrets }), retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * GETs a JSON document with a timeout, a size cap and retries. Retries back off exponentially with
 * jitter and wait what a `Retry-After` header asks, up to `maxRetryDelayMs`. Every error is a
 * FetchError whose text is free of the request's secrets.
 */
export async function getJson(request: JsonRequest, options: HttpOptions): Promise<unknown> {
  for (let n = 0; ; n++) {
    const result = await attempt(request, options);
    if ('body' in result) return result.body;
    if (!result.retryable) throw result.error;
    if (n >= options.retries) {
      if (n === 0) throw result.error;
      throw new FetchError(request.providerId, result.error.kind, `${result.error.detail} (after ${n + 1} attempts)`, {
        ...(result.error.status !== undefined ? { status: result.error.status } : {}),
        secrets: request.secrets,
      });
    }
    if (result.retryAfterMs !== undefined && result.retryAfterMs > options.maxRetryDelayMs) {
      throw new FetchError(
        request.providerId,
        result.error.kind,
        `${result.error.detail} (asked to retry after ${formatDuration(result.retryAfterMs)}; not waiting that long)`,
        { ...(result.error.status !== undefined ? { status: result.error.status } : {}), secrets: request.secrets },
      );
    }
    const delayMs =
      result.retryAfterMs ?? backoffDelayMs(n, options.retryBaseDelayMs, options.maxRetryDelayMs, options.random);
    options.onRetry?.({ providerId: request.providerId, attempt: n + 1, delayMs, reason: result.error.detail });
    await sleep(delayMs);
  }
}

/**
 * What the mock provider server serves: routes, their paging, and their faults. Pure data and
 * pure functions; the HTTP side lives in server.ts.
 */

/** How a route splits its list into pages, named for the API whose cursor it imitates. */
export type PagingStyle = 'anthropic' | 'gemini';

/**
 * Something going wrong on a route. `times` limits the fault to the first N requests to the route
 * (then it answers normally); without `times`, every request gets the fault.
 */
export type MockFault =
  /** 429 with `Retry-After` (seconds, or an HTTP date). */
  | { kind: 'rate-limit'; times?: number; retryAfter?: string }
  /** A 5xx with a JSON error body. */
  | { kind: 'server-error'; times?: number; status?: number }
  /** An HTML error page, as a proxy or CDN in front of an API sends it. */
  | { kind: 'html-error'; times?: number; status?: number }
  /**
   * A body cut in half. `body`: a complete HTTP response whose JSON is cut; `connection`: the
   * headers promise the full length and the socket is destroyed halfway through.
   */
  | { kind: 'truncated-json'; times?: number; mode?: 'body' | 'connection' }
  /** The answer comes only after `delayMs` (meant to be longer than the client's timeout). */
  | { kind: 'slow'; times?: number; delayMs: number }
  /** HTTP 200 with the route's shape but no models. */
  | { kind: 'empty-list'; times?: number }
  /** HTTP 200 whose body is an error: `{success:false,message}` or `{error:{message}}`. */
  | { kind: 'error-body'; times?: number; style: 'success-false' | 'error-object'; message?: string }
  /** 401; with `echoKey`, the body repeats the key it received, as some providers do. */
  | { kind: 'unauthorized'; times?: number; echoKey?: boolean };

export interface MockRoute {
  /** The request path without query, e.g. `/openai/v1/models`. */
  path: string;
  /** The JSON bodies served, one per page; a route without paging has exactly one. */
  pages: readonly unknown[];
  paging?: PagingStyle;
  /** Delay before every answer on this route, in ms (overrides the server's default latency). */
  latencyMs?: number;
  fault?: MockFault;
  /** A human label for listings, e.g. the provider's name. */
  label?: string;
}

/** The query parameter that carries the cursor, per paging style. */
export const CURSOR_PARAM: Record<PagingStyle, string> = {
  anthropic: 'after_id',
  gemini: 'pageToken',
};

/** The cursor a client sends to get the page after `page`, or undefined when it is the last. */
export function nextCursorOf(style: PagingStyle, page: unknown): string | undefined {
  const body = (page ?? {}) as Record<string, unknown>;
  if (style === 'anthropic') {
    return body.has_more === true && typeof body.last_id === 'string' ? body.last_id : undefined;
  }
  return typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : undefined;
}

/** Throws when a route cannot be served as declared, so a broken test setup fails at start. */
export function assertValidRoute(route: MockRoute): void {
  if (!route.path.startsWith('/') || route.path.includes('?')) {
    throw new Error(`mock route path must start with "/" and carry no query: ${route.path}`);
  }
  if (route.pages.length === 0) throw new Error(`mock route ${route.path} has no pages`);
  if (!route.paging) {
    if (route.pages.length > 1) throw new Error(`mock route ${route.path} has several pages but no paging style`);
    return;
  }
  const style = route.paging;
  route.pages.forEach((page, i) => {
    const cursor = nextCursorOf(style, page);
    const last = i === route.pages.length - 1;
    if (last && cursor !== undefined) {
      throw new Error(`mock route ${route.path}: the last page still names a next page (${cursor})`);
    }
    if (!last && cursor === undefined) {
      throw new Error(`mock route ${route.path}: page ${i + 1} names no next page, but more pages follow`);
    }
  });
}

export type PageSelection = { ok: true; index: number } | { ok: false; message: string };

/** Which page a request asks for: the first without a cursor, else the page after the cursor's. */
export function selectPage(route: MockRoute, query: URLSearchParams): PageSelection {
  if (!route.paging) return { ok: true, index: 0 };
  const style = route.paging;
  const cursor = query.get(CURSOR_PARAM[style]);
  if (cursor === null || cursor === '') return { ok: true, index: 0 };
  const previous = route.pages.findIndex((page) => nextCursorOf(style, page) === cursor);
  if (previous === -1) return { ok: false, message: `unknown ${CURSOR_PARAM[style]} "${cursor}"` };
  return { ok: true, index: previous + 1 };
}

/**
 * The route's first page with every list emptied and no next page: what the provider answers
 * when it serves no models, in the same envelope (`[]`, `{data:[]}`, `{models:[]}`, ...).
 */
export function emptyBodyOf(page: unknown): unknown {
  if (Array.isArray(page)) return [];
  if (!page || typeof page !== 'object') return page;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(page)) {
    if (key === 'nextPageToken') continue;
    if (Array.isArray(value)) out[key] = [];
    else if (key === 'has_more') out[key] = false;
    else if (key === 'first_id' || key === 'last_id') out[key] = null;
    else out[key] = value;
  }
  return out;
}

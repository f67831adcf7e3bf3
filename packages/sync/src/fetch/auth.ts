import type { ApiFormat, ModelsApiEndpoint } from '@llm-catalog/catalog';

/** The version header Anthropic requires on every request, when providers.json does not pin one. */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/** The header each API format expects its key in when the endpoint does not say otherwise. */
const KEY_HEADER_BY_FORMAT: Partial<Record<ApiFormat, string>> = {
  ANTHROPIC: 'x-api-key',
  // Gemini also accepts `?key=`, but a header keeps the key out of URLs, logs and error messages.
  GEMINI: 'x-goog-api-key',
};

export interface RequestAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
}

const hasHeader = (headers: Record<string, string>, name: string) =>
  Object.keys(headers).some((h) => h.toLowerCase() === name.toLowerCase());

/**
 * `prefix` is written literally, except that a word prefix such as `Bearer` or `Token` is separated from
 * the key by a space, as every such scheme requires.
 */
function withPrefix(prefix: string, key: string): string {
  return /[A-Za-z]$/.test(prefix) ? `${prefix} ${key}` : `${prefix}${key}`;
}

/**
 * The headers and query parameters of one list-models request: the endpoint's non-secret headers, the
 * format's required headers, and the key where the endpoint (or its format) expects it. `key` is
 * undefined for providers that need none.
 */
export function requestAuthFor(endpoint: ModelsApiEndpoint, key: string | undefined): RequestAuth {
  const headers: Record<string, string> = { accept: 'application/json', ...endpoint.headers };
  const query: Record<string, string> = {};
  if (endpoint.format === 'ANTHROPIC' && !hasHeader(headers, 'anthropic-version')) {
    headers['anthropic-version'] = DEFAULT_ANTHROPIC_VERSION;
  }
  if (key === undefined) return { headers, query };
  const auth = endpoint.auth ?? {};
  if (auth.query_param) {
    query[auth.query_param] = `${auth.prefix ?? ''}${key}`;
    return { headers, query };
  }
  const headerName = auth.header_name ?? KEY_HEADER_BY_FORMAT[endpoint.format] ?? 'Authorization';
  const prefix = auth.prefix ?? (headerName.toLowerCase() === 'authorization' ? 'Bearer' : '');
  headers[headerName] = withPrefix(prefix, key);
  return { headers, query };
}

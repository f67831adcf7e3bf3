import { truncateForMessage, UpstreamErrorBody, upstreamErrorIn } from './upstream-error.ts';

/** Where real bodies keep their list: `{data: [...]}` (OpenAI and most others), `{models: [...]}` (Ollama, Gemini). */
const LIST_KEYS = ['data', 'models'] as const;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Names a value for a message without dumping it. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string ("${truncateForMessage(value, 60)}")`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

/**
 * The list of raw entries in a list-models body: a bare array (Together), or the array under one of
 * the list keys, whatever paging fields sit beside it. Throws `UpstreamErrorBody` for an error sent
 * with HTTP 200 and for anything that holds no list, so neither is mistaken for "no models".
 */
export function entriesOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (!isRecord(body)) throw new UpstreamErrorBody(`the body is ${describeValue(body)}, not a model list`);
  const error = upstreamErrorIn(body);
  if (error !== undefined) {
    throw new UpstreamErrorBody(`the provider answered with an error: ${truncateForMessage(error)}`);
  }
  for (const key of LIST_KEYS) {
    const list = body[key];
    if (Array.isArray(list)) return list;
  }
  const keys = Object.keys(body);
  throw new UpstreamErrorBody(
    `the body holds no model list (expected an array, or an object with "data" or "models"; found ${
      keys.length === 0 ? 'an empty object' : `keys ${truncateForMessage(keys.join(', '), 120)}`
    })`,
  );
}

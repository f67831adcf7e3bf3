/**
 * A body the provider sent with HTTP 200 that is not a model list: an error object, or something
 * that is no list at all (an HTML page, a number). The fetch layer reports it as a failed fetch
 * instead of taking it for an empty list, which would look like every model was removed.
 */
export class UpstreamErrorBody extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamErrorBody';
  }
}

const MAX_MESSAGE_CHARS = 300;

/** Shortens text taken from a body so a huge page cannot flood a log line. */
export function truncateForMessage(text: string, max = MAX_MESSAGE_CHARS): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

function messageFrom(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    return messageFrom(o.message) ?? messageFrom(o.msg) ?? messageFrom(o.type) ?? messageFrom(o.code);
  }
  return undefined;
}

/**
 * The error a 200 body reports, or undefined when it reports none. Shapes seen in the wild:
 * `{success: false, message}` (AIHubMix), `{error: {message, type}}` (OpenAI-compatible servers),
 * `{error: "..."}`, and `{object: "error", message}` (vLLM, Mistral).
 */
export function upstreamErrorIn(body: Record<string, unknown>): string | undefined {
  if (body.success === false) {
    return messageFrom(body.message) ?? messageFrom(body.msg) ?? messageFrom(body.error) ?? 'success: false';
  }
  if (body.object === 'error') return messageFrom(body.message) ?? 'object: "error"';
  const error = body.error;
  if (error !== undefined && error !== null && error !== false && error !== '') {
    return messageFrom(error) ?? 'an error object without a message';
  }
  return undefined;
}

/** Longest upstream text quoted in an error: enough to read the reason, short enough for one line. */
export const MAX_QUOTED_CHARS = 200;

function oneLine(text: string): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > MAX_QUOTED_CHARS ? `${collapsed.slice(0, MAX_QUOTED_CHARS - 1)}…` : collapsed;
}

function stringAt(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** The human message inside the error envelopes providers use: OpenAI, Anthropic, Google, FastAPI, OAuth. */
function messageInJson(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const obj = value as Record<string, unknown>;
  const error = obj.error;
  if (error && typeof error === 'object') {
    const nested = messageInJson(error);
    if (nested) return nested;
  }
  const detail = obj.detail;
  if (Array.isArray(detail)) {
    const first = detail[0] as Record<string, unknown> | undefined;
    if (first && stringAt(first.msg)) return stringAt(first.msg);
  }
  if (Array.isArray(obj.errors)) {
    const nested = messageInJson(obj.errors[0]);
    if (nested) return nested;
  }
  return (
    stringAt(obj.message) ??
    stringAt(error) ??
    stringAt(detail) ??
    stringAt(obj.error_description) ??
    stringAt(obj.msg)
  );
}

/**
 * What an error response says, in one short line: the message of a JSON error envelope, the title of an
 * HTML error page, or the start of a plain-text body. Undefined when the body says nothing useful.
 */
export function describeErrorBody(text: string, contentType: string | null): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (/json/i.test(contentType ?? '') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const message = messageInJson(JSON.parse(trimmed));
      if (message) return oneLine(message);
    } catch {
      // Not JSON after all: fall through and quote it as text.
    }
  }
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1];
    return title?.trim() ? `HTML page "${oneLine(title)}"` : 'an HTML page';
  }
  return oneLine(trimmed);
}

/** Why a 2xx body is not JSON, for the error a person reads. */
export function describeNonJsonBody(text: string, contentType: string | null, parseError: string): string {
  const trimmed = text.trim();
  if (!trimmed) return 'empty response body';
  if (/html/i.test(contentType ?? '') || /^<(!doctype|html)/i.test(trimmed)) {
    return `expected JSON, got ${describeErrorBody(trimmed, 'text/html')}`;
  }
  return `response is not valid JSON (${oneLine(parseError)})`;
}

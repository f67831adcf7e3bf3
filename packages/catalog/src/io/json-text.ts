import { parse as parseTolerant, type ParseError } from 'jsonc-parser';

/** Parses JSON text; on a syntax error, reports the 1-based line and column instead of an offset. */
export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line?: number; column?: number };

/**
 * Where a syntax error is. V8 gives a position for some errors only (Node 20 says `Unexpected token
 * ',', ..."x": [,]..." is not valid JSON` with none), so the text is scanned again by a parser that
 * always reports an offset. The end of the text is the last resort (`Unexpected end of JSON input`).
 */
function errorOffset(text: string, v8Message: string): number {
  const at = /position (\d+)/.exec(v8Message);
  if (at) return Number(at[1]);
  const errors: ParseError[] = [];
  parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? text.length;
}

/** V8 quotes the offending character raw; a newline or a BOM there would break or hide the message. */
const visible = (message: string) =>
  message.replace(/[\p{Cc}\u2028\u2029\ufeff]/gu, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const reason = visible(
      raw
        .replace(/ at position \d+.*$/s, '')
        .replace(/ in JSON$/, '')
        .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, ''),
    );
    const offset = errorOffset(text, raw);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    return { ok: false, message: `invalid JSON at line ${line}, column ${column}: ${reason}`, line, column };
  }
}

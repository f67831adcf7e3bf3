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

/**
 * Text made safe to print: control characters (terminal escape sequences among them), line and
 * paragraph separators, a BOM and lone surrogates become `\uXXXX`, so nothing read from a file or an
 * upstream body can move the cursor, retitle the terminal or break a line of output.
 */
export const escapeControlCharacters = (text: string) =>
  text.replace(/[\p{Cc}\p{Cs}\u2028\u2029\ufeff]/gu, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/**
 * Deepest nesting of arrays and objects any reader accepts. Real data files and list bodies nest a
 * handful of levels; thousands would overflow the stack of every recursive walk after parsing
 * (schema checks, canonical ordering, serialization).
 */
export const MAX_JSON_DEPTH = 100;

/** The offset where nesting first goes deeper than `max`, or undefined; strings are skipped. */
function overDeepOffset(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Whether a parsed value nests deeper than `max`; it stops going down there. */
function nestsDeeper(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (max === 0) return true;
  // Plain loops: a closure per array would be most of what this allocates on a large body.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeper(value[i], max - 1)) return true;
    return false;
  }
  for (const key in value) if (nestsDeeper((value as Record<string, unknown>)[key], max - 1)) return true;
  return false;
}

function tooDeep(text: string, offset: number): JsonParseResult {
  const { line, column } = lineAndColumn(text, offset);
  return { ok: false, message: `nested deeper than ${MAX_JSON_DEPTH} levels at line ${line}, column ${column}`, line, column };
}

export function parseJsonText(text: string): JsonParseResult {
  // V8 parses any depth without recursion; the depth is then checked on the value, which is
  // cheaper than on the text, and the text is scanned for the place only when it is too deep.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const deep = overDeepOffset(text, MAX_JSON_DEPTH);
    if (deep !== undefined) return tooDeep(text, deep);
    const raw = err instanceof Error ? err.message : String(err);
    const reason = escapeControlCharacters(
      raw
        .replace(/ at position \d+.*$/s, '')
        .replace(/ in JSON$/, '')
        .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, ''),
    );
    const { line, column } = lineAndColumn(text, errorOffset(text, raw));
    return { ok: false, message: `invalid JSON at line ${line}, column ${column}: ${reason}`, line, column };
  }
  if (nestsDeeper(value, MAX_JSON_DEPTH)) return tooDeep(text, overDeepOffset(text, MAX_JSON_DEPTH) ?? 0);
  return { ok: true, value };
}

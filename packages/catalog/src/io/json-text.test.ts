import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, MAX_JSON_DEPTH, parseJsonText } from './json-text.ts';

describe('parseJsonText', () => {
  it('returns the value of valid JSON', () => {
    expect(parseJsonText('{"a": [1, "x"]}')).toEqual({ ok: true, value: { a: [1, 'x'] } });
  });

  it.each([
    ['a trailing comma in an object', '{\n  "a": 1,\n}', 3, 1],
    ['a stray comma in an array (V8 gives no position)', '{\n  "models": [,]\n}', 2, 14],
    ['a misspelled literal (V8 gives no position)', '{\n  "a": tru\n}', 2, 8],
    ['a missing comma between entries', '[\n  {"id": "a"}\n  {"id": "b"}\n]', 3, 3],
    ['an unterminated string', '{"a": "x', 1, 9],
    ['content after the document', '{}\n{}', 2, 1],
    ['a comment', '{\n  // note\n  "a": 1\n}', 2, 3],
    ['a raw tab inside a string', '{\n  "a": "x\ty"\n}', 2, 10],
    ['a truncated file, located at its end', '{\n  "a": [', 2, 9],
  ])('locates %s', (_what, text, line, column) => {
    const r = parseJsonText(text);
    expect(r).toMatchObject({ ok: false, line, column });
    if (!r.ok) expect(r.message.startsWith(`invalid JSON at line ${line}, column ${column}: `)).toBe(true);
  });

  it('keeps the reason on one line, with no offsets or snippets of the text', () => {
    const r = parseJsonText('{\n  "a": tru\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toBe("invalid JSON at line 2, column 8: Unexpected token '\\n'");
      expect(r.message).not.toContain('\n');
    }
  });

  it('names an invisible byte order mark', () => {
    const r = parseJsonText('\ufeff{}');
    expect(r.ok ? '' : r.message).toBe("invalid JSON at line 1, column 1: Unexpected token '\\ufeff'");
  });

  it('quotes no snippet of the text, whichever side V8 cut it on', () => {
    for (const text of ['sk-secret-0123456789 trailing words', '{"a": sk-secret-0123456789 more words here}']) {
      const r = parseJsonText(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).not.toMatch(/secret|sk-s/);
    }
  });

  it('refuses nesting deeper than the bound before anything walks it, naming where', () => {
    const deep = `{"metadata": ${'['.repeat(6000)}${']'.repeat(6000)}}`;
    const r = parseJsonText(deep);
    expect(r).toMatchObject({ ok: false, line: 1, column: 13 + MAX_JSON_DEPTH });
    if (!r.ok) expect(r.message).toBe(`nested deeper than ${MAX_JSON_DEPTH} levels at line 1, column ${13 + MAX_JSON_DEPTH}`);
  });

  it('accepts nesting at the bound, and brackets inside strings do not count', () => {
    const atBound = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(parseJsonText(atBound).ok).toBe(true);
    expect(parseJsonText(JSON.stringify({ a: '['.repeat(500), b: '\\"{{{' })).ok).toBe(true);
  });
});

describe('escapeControlCharacters', () => {
  it('turns terminal escape sequences, separators and lone surrogates into visible escapes', () => {
    expect(escapeControlCharacters('a\u001b]0;TITLE\u0007b\u001b[2J\u2028\ud800\n')).toBe(
      'a\\u001b]0;TITLE\\u0007b\\u001b[2J\\u2028\\ud800\\n',
    );
  });

  it('leaves ordinary text, accents and whole surrogate pairs alone', () => {
    expect(escapeControlCharacters('café — 😀 ok')).toBe('café — 😀 ok');
  });
});

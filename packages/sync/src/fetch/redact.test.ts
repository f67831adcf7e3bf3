import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact.ts';

describe('redactSecrets', () => {
  it('removes a key wherever it appears, raw or URL-encoded', () => {
    const key = 'sk-live+abc/123=';
    const text = `invalid key ${key} in https://x.test/models?key=${encodeURIComponent(key)}`;
    const out = redactSecrets(text, [key]);
    expect(out).not.toContain(key);
    expect(out).not.toContain(encodeURIComponent(key));
    expect(out).toBe(`invalid key ${REDACTED} in https://x.test/models?key=${REDACTED}`);
  });

  it('removes the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('a=abcdef b=abc', ['abc', 'abcdef'])).toBe(`a=${REDACTED} b=${REDACTED}`);
  });

  it('matches a key in any letter case, as in an id that was lowercased', () => {
    const key = 'Canary-KEY-5d0c9e1f';
    expect(redactSecrets(`model leak-${key.toLowerCase()} and ${key.toUpperCase()}`, [key])).toBe(
      `model leak-${REDACTED} and ${REDACTED}`,
    );
  });

  it('treats regular-expression characters in a key literally', () => {
    expect(redactSecrets('k=a.b*c(d) x=aXb', ['a.b*c(d)', 'a.b'])).toBe(`k=${REDACTED} x=aXb`);
  });

  it('ignores empty secrets', () => {
    expect(redactSecrets('unchanged', ['', 'zzz'])).toBe('unchanged');
  });
});

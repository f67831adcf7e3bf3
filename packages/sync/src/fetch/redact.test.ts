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

  it('ignores empty secrets', () => {
    expect(redactSecrets('unchanged', ['', 'zzz'])).toBe('unchanged');
  });
});

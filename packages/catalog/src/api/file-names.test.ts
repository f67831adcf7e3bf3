import { resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathInside } from '../io/write-tree.ts';
import { decodeIdFromFileName, encodeIdForFileName } from './file-names.ts';

// Ids as the schema allows them (no whitespace or control characters), biased to the risky ones.
const idArbitrary = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'z', '0', '.', '/', '\\', ':', '@', '~', '%', '-', '_', 'é', '模'), minLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => !/[\s\p{Cc}]/u.test(s)),
);

describe('file-name encoding of ids', () => {
  it('keeps plain ids readable and encodes / : @ and a leading dot', () => {
    expect(encodeIdForFileName('gpt-4o')).toBe('gpt-4o');
    expect(encodeIdForFileName('llama-3.3-70b')).toBe('llama-3.3-70b');
    expect(encodeIdForFileName('anthropic/claude-sonnet-4.5')).toBe('anthropic~2fclaude-sonnet-4.5');
    expect(encodeIdForFileName('qwen:7b@fp8')).toBe('qwen~3a7b~40fp8');
    expect(encodeIdForFileName('..')).toBe('~2e.');
    expect(encodeIdForFileName('~')).toBe('~7e');
  });

  it('decodes every encoded id back to itself', () => {
    fc.assert(fc.property(idArbitrary, (id) => decodeIdFromFileName(encodeIdForFileName(id)) === id));
  });

  it('gives different names to different ids', () => {
    fc.assert(fc.property(idArbitrary, idArbitrary, (a, b) => a === b || encodeIdForFileName(a) !== encodeIdForFileName(b)));
  });

  it('never lets an id write outside the directory', () => {
    const root = resolve('/srv/api');
    fc.assert(
      fc.property(idArbitrary, (id) => {
        const name = encodeIdForFileName(id);
        const path = pathInside(root, `models/${name}.json`);
        return /^[a-z0-9_~-][a-z0-9._~-]*$/.test(name) && path === `${root}${sep}models${sep}${name}.json`;
      }),
    );
  });

  it('rejects names the encoding cannot produce', () => {
    for (const name of ['', '.hidden', 'a/b', 'A', '~2', '~zz', 'a~2eb', '~e9']) {
      expect(() => decodeIdFromFileName(name), name).toThrow(/not an encoded id/);
    }
  });
});

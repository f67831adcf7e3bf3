/**
 * One reversible file-name encoding for catalog ids, which may hold `/`, `:`, `@` and any other
 * character but whitespace. Kept as is: `a-z`, `0-9`, `_`, `-`, and `.` except in first place (so no
 * name is hidden, `.` or `..`). Every other UTF-8 byte becomes `~` and two lowercase hex digits; `~`
 * itself is encoded, so decoding is unambiguous. The result needs no escaping in a URL either.
 */
const KEPT = /^[a-z0-9_-]$/;

export function encodeIdForFileName(id: string): string {
  let out = '';
  for (const char of id) {
    if (KEPT.test(char) || (char === '.' && out !== '')) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) out += `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** The id `encodeIdForFileName` encoded; throws on a name it could not have produced. */
export function decodeIdFromFileName(name: string): string {
  if (!/^(?:[a-z0-9_-]|~[0-9a-f]{2})(?:[a-z0-9._-]|~[0-9a-f]{2})*$/.test(name)) {
    throw new Error(`not an encoded id: "${name}"`);
  }
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '~') {
      bytes.push(Number.parseInt(name.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(name.charCodeAt(i));
    }
  }
  const id = Buffer.from(bytes).toString('utf8');
  if (encodeIdForFileName(id) !== name) throw new Error(`not an encoded id: "${name}"`);
  return id;
}

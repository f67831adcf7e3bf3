/**
 * A text in slices of at most `size` UTF-16 units, never between the two halves of a surrogate pair
 * (each half alone would be encoded as U+FFFD), so that the slices' UTF-8 bytes in order are the
 * text's. Encoding a large file slice by slice never holds a buffer as large as the file.
 */
export function* textSlices(text: string, size = 1 << 22): Generator<string> {
  let start = 0;
  do {
    let end = Math.min(start + size, text.length);
    if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
    yield text.slice(start, end);
    start = end;
  } while (start < text.length);
}

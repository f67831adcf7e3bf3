/** What a secret is replaced with in any text that leaves the process. */
export const REDACTED = '[redacted]';

/**
 * Removes every secret from a text, in its raw and URL-encoded spellings. Upstream error bodies
 * sometimes echo the key they rejected, and a query-string key travels inside URLs.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    spellings.add(secret);
    spellings.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is removed whole.
  for (const s of [...spellings].sort((a, b) => b.length - a.length)) out = out.split(s).join(REDACTED);
  return out;
}

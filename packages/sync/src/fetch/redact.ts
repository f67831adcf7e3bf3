/** What a secret is replaced with in any text that leaves the process. */
export const REDACTED = '[redacted]';

/**
 * Removes every secret from a text, in its raw and URL-encoded spellings, in any letter case. Upstream
 * error bodies sometimes echo the key they rejected, and a query-string key travels inside URLs.
 * Redact before cutting a text short: a cut through a key leaves a prefix no search finds.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const spellings = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    spellings.add(secret);
    spellings.add(encodeURIComponent(secret));
  }
  if (spellings.size === 0) return text;
  // Longest first, so a secret that contains another is removed whole. Case-insensitive: a key that
  // ends up lowercased (in an id) or uppercased is the same key.
  const pattern = [...spellings]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
  return text.replace(new RegExp(pattern, 'gi'), REDACTED);
}

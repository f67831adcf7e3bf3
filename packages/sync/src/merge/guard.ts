/** How many of the lost model ids an error names before "and N more". */
const NAMED_LOSSES = 5;

/**
 * Why a merge must not be applied, or undefined when it may: an empty list, or the loss of more
 * than half of the models the provider serves now, is far likelier a broken endpoint or transformer
 * than a real change. Losses are counted as models no longer served, so a list that
 * renamed most models is caught too, not only one that shrank. A first sync loses nothing.
 */
export function removalGuardError(input: {
  fetchedCount: number;
  servedBefore: ReadonlySet<string>;
  servedAfter: ReadonlySet<string>;
  allowRemovals: boolean;
}): string | undefined {
  if (input.allowRemovals) return undefined;
  if (input.fetchedCount === 0) {
    return 'the provider returned an empty model list; nothing was changed (allow removals to accept it)';
  }
  const lost = [...input.servedBefore].filter((id) => !input.servedAfter.has(id)).sort();
  if (lost.length * 2 <= input.servedBefore.size) return undefined;
  const named = lost.slice(0, NAMED_LOSSES).map((id) => `"${id}"`).join(', ');
  const more = lost.length > NAMED_LOSSES ? ` and ${lost.length - NAMED_LOSSES} more` : '';
  return (
    `the provider would stop serving ${lost.length} of its ${input.servedBefore.size} models ` +
    `(more than half: ${named}${more}); nothing was changed (allow removals to accept it)`
  );
}

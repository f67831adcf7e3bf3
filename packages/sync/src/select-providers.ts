import { byCodePoint } from '@llm-catalog/catalog';
import type { Provider } from '@llm-catalog/catalog';

/** A request for providers that cannot be served: a usage error, reported before anything is fetched. */
export class ProviderSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderSelectionError';
  }
}

/** Which providers a run covers: every enabled one, or the ones named (enabled or not). */
export type ProviderSelection = 'all' | readonly string[];

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Known ids a mistyped one probably meant: a few edits away, or one containing the other. */
export function closeMatches(id: string, known: readonly string[], limit = 3): string[] {
  const wanted = id.toLowerCase();
  return known
    .map((k) => ({ k, d: editDistance(wanted, k) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(wanted.length / 3)) || k.includes(wanted) || wanted.includes(k))
    .sort((a, b) => a.d - b.d || byCodePoint(a.k, b.k))
    .slice(0, limit)
    .map(({ k }) => k);
}

/**
 * The providers to sync, sorted by id. `all` takes every provider whose `models_api` is enabled; naming
 * a provider takes it even when disabled, because a person asked for it. Unknown ids and providers
 * without a `models_api` throw a ProviderSelectionError naming them.
 */
export function selectProviders(providers: readonly Provider[], selection: ProviderSelection): Provider[] {
  const sortById = (list: Provider[]) => list.sort((a, b) => byCodePoint(a.id, b.id));
  if (selection === 'all') return sortById(providers.filter((p) => p.models_api?.enabled));
  if (selection.length === 0) throw new ProviderSelectionError('no provider named');
  const byId = new Map(providers.map((p) => [p.id, p]));
  const known = [...byId.keys()].sort();
  const problems: string[] = [];
  const chosen = new Map<string, Provider>();
  for (const id of selection) {
    const provider = byId.get(id);
    if (!provider) {
      const near = closeMatches(id, known);
      problems.push(`unknown provider "${id}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
    } else if (!provider.models_api) {
      problems.push(`provider "${id}" has no models_api in providers.json, so there is nothing to fetch`);
    } else {
      chosen.set(id, provider);
    }
  }
  if (problems.length > 0) throw new ProviderSelectionError(problems.join('; '));
  return sortById([...chosen.values()]);
}

import type { Provider } from '@llm-catalog/catalog';
import pLimit, { type LimitFunction } from 'p-limit';

/**
 * Providers fetched at once. Nearly every provider is its own host, so waves would only make a run
 * wait for one slow answer per wave: the cap exists to bound sockets and memory, not to spare any API.
 */
export const DEFAULT_CONCURRENCY = 64;

export interface FetchLimits {
  /** Providers in flight at once, over all hosts. */
  concurrency: number;
  /**
   * Providers in flight at once per host (the origin of a provider's first list endpoint). Off by
   * default: it only matters when many providers of one catalog share one server (a gateway, a
   * self-hosted fleet), which could otherwise take the whole global cap at once and rate-limit it.
   */
  perHost?: number;
}

/** The server a provider's list is read from; a provider without a readable URL is its own host. */
function hostOf(provider: Provider): string {
  const url = provider.models_api?.endpoints[0]?.url;
  try {
    return url ? new URL(url).host : `provider:${provider.id}`;
  } catch {
    return `provider:${provider.id}`;
  }
}

/**
 * Runs one task per provider under the global cap and, when asked, the per-host cap. A task takes
 * its host's slot before a global one, so a task queued behind its host never holds a global slot
 * that a provider of another host could use.
 */
export function providerScheduler(limits: FetchLimits) {
  const global = pLimit(Math.max(1, limits.concurrency));
  const perHost = limits.perHost;
  const hosts = new Map<string, LimitFunction>();
  return <T>(provider: Provider, task: () => Promise<T>): Promise<T> => {
    if (perHost === undefined) return global(task);
    const host = hostOf(provider);
    let limit = hosts.get(host);
    if (!limit) {
      limit = pLimit(Math.max(1, perHost));
      hosts.set(host, limit);
    }
    return limit(() => global(task));
  };
}

import { performance } from 'node:perf_hooks';
import type { Provider } from '@llm-catalog/catalog';
import pLimit from 'p-limit';
import { FetchError } from './fetch/errors.ts';
import { fetchModelList } from './fetch/fetch-models.ts';
import { type KeyStatus, keyStatusOf, secretsOf } from './keys.ts';

/** How many model ids a probe keeps, to show that the list is the expected one. */
export const PROBE_SAMPLE_SIZE = 5;

export interface ProbeResult {
  id: string;
  /** The models endpoint probed (the first of the provider's `models_api`). */
  url: string;
  status: 'up' | 'down' | 'skipped';
  keyEnv?: string;
  key: KeyStatus;
  latencyMs?: number;
  /** How many models it listed. */
  models?: number;
  /** The first few ids, as the provider spells them. */
  sample?: string[];
  /** The HTTP status the list answered with (of the failed request, when one failed and got that far). */
  httpStatus?: number;
  /** What went wrong, as the fetch layer says it; free of any key. */
  error?: string;
  /** What the failure most likely means, in one line. */
  diagnosis?: string;
}

export interface ProbeOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  retries?: number;
  /** Keys of other providers that must not appear in an error either. */
  secrets?: readonly string[];
  /**
   * A provider whose key is not set: `skip` it (health checks), or `probe-without` the key, to learn
   * whether the server answers at all and that it wants one (a connection test).
   */
  missingKey?: 'skip' | 'probe-without';
}

function hostAndPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

/**
 * What a failed list-models request most likely means, for the person who set the provider up:
 * one line, naming the key variable (never the key) when the key is the problem.
 */
export function diagnoseFetchError(error: FetchError, context: { url: string; keyEnv?: string; keySent: boolean }): string {
  const { url, keyEnv } = context;
  switch (error.kind) {
    case 'missing-key':
      return `${keyEnv ?? 'its key variable'} is not set`;
    case 'timeout':
      return `no answer in time from ${hostAndPort(url)} (a slow server, a firewall, or the wrong host)`;
    case 'network':
      if (/connection refused/.test(error.detail)) return `nothing is listening on ${hostAndPort(url)}`;
      if (/cannot resolve/.test(error.detail)) return `the host name ${new URL(url).hostname} does not resolve (a typo, or no network?)`;
      return `the connection to ${hostAndPort(url)} failed: ${error.detail}`;
    case 'body':
      if (/^expected JSON, got/.test(error.detail)) return 'answered with HTML, not a models list (is the base URL right?)';
      if (/^(response is not valid JSON|empty response body)/.test(error.detail)) {
        return `answered with text, not a models list (is the base URL right?): ${error.detail}`;
      }
      return `answered JSON that is not a models list of this format (is the format right?): ${error.detail}`;
    case 'upstream':
      return error.detail;
    case 'http': {
      const status = error.status ?? 0;
      if (status === 401 || status === 403) {
        if (!context.keySent) return `the server wants a key: set ${keyEnv ?? 'one'} (or pass --key-env VAR)`;
        return `the key was rejected (check ${keyEnv ?? 'the key variable'})`;
      }
      if (status === 404) return `no models endpoint at ${url}`;
      if (status === 429) return 'rate limited: the provider asks to slow down; try again later';
      if (status >= 500) return `the provider failed (HTTP ${status}); it may be down`;
      return error.detail;
    }
  }
}

/**
 * Fetches one provider's model list once and reports how it went. Never throws for a provider that
 * is down: that is the answer. A provider whose key is missing is skipped, not probed.
 */
export async function probeProvider(provider: Provider, options: ProbeOptions): Promise<ProbeResult> {
  const url = provider.models_api?.endpoints[0]?.url ?? provider.formats[0]?.base_url ?? '';
  const key = keyStatusOf(provider, options.env);
  const base: ProbeResult = { id: provider.id, url, status: 'down', key: key.status, ...(key.envVar ? { keyEnv: key.envVar } : {}) };
  if (!provider.models_api) {
    return { ...base, status: 'skipped', error: 'no models_api in providers.json' };
  }
  if (key.status === 'missing' && options.missingKey !== 'probe-without') {
    return { ...base, status: 'skipped', error: `${key.envVar} is not set` };
  }
  const target: Provider = key.status === 'missing' ? { ...provider, authentication: 'NONE' } : provider;
  const start = performance.now();
  let okStatus: number | undefined;
  try {
    const fetched = await fetchModelList(target, {
      onSuccessStatus: (status) => {
        okStatus ??= status;
      },
      env: options.env,
      retries: options.retries ?? 0,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      secrets: [...(options.secrets ?? []), ...secretsOf([provider], options.env)],
    });
    return {
      ...base,
      status: 'up',
      ...(okStatus !== undefined ? { httpStatus: okStatus } : {}),
      latencyMs: Math.round(performance.now() - start),
      models: fetched.models.length,
      sample: fetched.models.slice(0, PROBE_SAMPLE_SIZE).map((m) => m.provider_model_id),
    };
  } catch (err) {
    if (!(err instanceof FetchError)) throw err;
    return {
      ...base,
      status: 'down',
      latencyMs: Math.round(performance.now() - start),
      ...(err.status !== undefined ? { httpStatus: err.status } : {}),
      error: err.detail,
      diagnosis: diagnoseFetchError(err, {
        url,
        ...(key.envVar ? { keyEnv: key.envVar } : {}),
        keySent: key.status === 'found',
      }),
    };
  }
}

/** Probes providers concurrently (bounded); results in the order given. */
export async function probeProviders(
  providers: readonly Provider[],
  options: ProbeOptions & { concurrency?: number },
): Promise<ProbeResult[]> {
  const limit = pLimit(Math.max(1, options.concurrency ?? 8));
  const secrets = secretsOf(providers, options.env);
  return Promise.all(providers.map((p) => limit(() => probeProvider(p, { ...options, secrets }))));
}

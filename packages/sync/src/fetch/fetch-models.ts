import { keyEnvOf, type ModelsApiEndpoint, type Provider } from '@llm-catalog/catalog';
import {
  type NormalizedModel,
  type Transformer,
  type TransformWarning,
  transformerForEndpoint,
  UpstreamErrorBody,
} from '@llm-catalog/transformers';
import { withEnvironmentBaseUrl } from '../discover.ts';
import { keyOf, listingNeedsKey } from '../keys.ts';
import { requestAuthFor } from './auth.ts';
import { FetchError } from './errors.ts';
import { screenBody, screenedWarnings } from './screen-body.ts';
import { getJson, httpOptionsWithDefaults, type RetryInfo } from './http.ts';

/** A list that pages more often than this is assumed to loop. */
export const DEFAULT_MAX_PAGES = 100;

export interface FetchModelListOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  retries?: number;
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
  maxBytes?: number;
  maxPages?: number;
  /** Texts to keep out of error messages besides this provider's own key (other providers' keys). */
  secrets?: readonly string[];
  onRetry?: (retry: RetryInfo) => void;
  onSuccessStatus?: (status: number) => void;
}

export interface FetchedModelList {
  models: NormalizedModel[];
  warnings: TransformWarning[];
}

function transformPage(
  providerId: string,
  transform: Transformer,
  body: unknown,
  secrets: readonly string[],
): ReturnType<Transformer> {
  try {
    return transform(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof UpstreamErrorBody) {
      throw new FetchError(providerId, 'upstream', message, { secrets });
    }
    throw new FetchError(providerId, 'body', `unexpected response shape: ${message}`, { secrets });
  }
}

async function fetchEndpoint(
  provider: Provider,
  endpoint: ModelsApiEndpoint,
  key: string | undefined,
  options: FetchModelListOptions,
  secrets: readonly string[],
): Promise<FetchedModelList> {
  const transform = transformerForEndpoint(endpoint);
  const auth = requestAuthFor(endpoint, key);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const models: NormalizedModel[] = [];
  const warnings: TransformWarning[] = [];
  const pageSignature = (query: Record<string, string>) => JSON.stringify(Object.entries(query).sort());
  let pageQuery: Record<string, string> = {};
  const seenPages = new Set([pageSignature(pageQuery)]);
  for (let page = 1; ; page++) {
    const body = await getJson(
      { providerId: provider.id, url: endpoint.url, headers: auth.headers, query: { ...pageQuery, ...auth.query }, secrets },
      httpOptionsWithDefaults(options),
    );
    // The boundary between what a provider sent and what the merge may write: no key passes it.
    const screened = screenBody(body, secrets);
    const result = transformPage(provider.id, transform, screened.body, secrets);
    models.push(...result.models);
    warnings.push(...screenedWarnings(screened, result.warnings, secrets));
    if (!result.nextPage) return { models, warnings };
    pageQuery = { ...pageQuery, ...result.nextPage.query };
    const signature = pageSignature(pageQuery);
    if (seenPages.has(signature)) {
      throw new FetchError(provider.id, 'body', `pagination loops: page ${page + 1} asks for a page already fetched`, {
        secrets,
      });
    }
    seenPages.add(signature);
    if (page >= maxPages) {
      throw new FetchError(provider.id, 'body', `more than ${maxPages} pages; stopped`, { secrets });
    }
  }
}

/**
 * Fetches and normalizes a provider's model list: every endpoint of its `models_api`, every page, with
 * the endpoint's auth style. Malformed entries, and entries holding any key of the run, are skipped
 * with a warning; anything that makes the list untrustworthy (HTTP error, timeout, body that is not the expected shape) throws a FetchError.
 */
export async function fetchModelList(catalogProvider: Provider, options: FetchModelListOptions): Promise<FetchedModelList> {
  const provider = withEnvironmentBaseUrl(catalogProvider, options.env);
  if (!provider.models_api) {
    throw new Error(`${provider.id}: has no models_api in providers.json; nothing to fetch`);
  }
  const envVar = keyEnvOf(provider);
  const key = keyOf(provider, options.env);
  if (envVar !== undefined && key === undefined && listingNeedsKey(provider)) {
    throw new FetchError(provider.id, 'missing-key', `${envVar} is not set`);
  }
  const secrets = [...(options.secrets ?? []), ...(key ? [key] : [])];
  // Endpoints are independent lists (chat, embeddings, ...): fetch them at once, keep their order.
  const lists = await Promise.all(
    provider.models_api.endpoints.map((endpoint) => fetchEndpoint(provider, endpoint, key, options, secrets)),
  );
  return { models: lists.flatMap((l) => l.models), warnings: lists.flatMap((l) => l.warnings) };
}

/**
 * Normalizes a recorded body of a provider's list (`--from FILE`) with the transformer of its first
 * endpoint, the same one a live fetch uses, so a recorded body and a live one give the same models.
 */
export function modelListFromBody(provider: Provider, body: unknown, secrets: readonly string[] = []): FetchedModelList {
  const endpoint = provider.models_api?.endpoints[0];
  if (!endpoint) throw new Error(`${provider.id}: has no models_api in providers.json; no transformer to read the body with`);
  const { models, warnings } = transformPage(provider.id, transformerForEndpoint(endpoint), body, secrets);
  return { models, warnings };
}

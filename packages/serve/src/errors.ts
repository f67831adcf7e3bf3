import {
  CatalogLoadError,
  CostEstimateError,
  InvalidEditError,
  LockHeldError,
  ProviderEditError,
  ToggleError,
} from '@llm-catalog/catalog';
import { GitError, HistoricalCatalogError, ProviderDraftError, ProviderSelectionError } from '@llm-catalog/sync';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An error the API answers with `{error: {code, message}}` and its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string };
}

const PROVIDER_EDIT_STATUS: Record<ProviderEditError['code'], ContentfulStatusCode> = {
  'unknown-provider': 404,
  'duplicate-id': 409,
  'duplicate-url': 409,
  'no-models-api': 422,
  referenced: 409,
  invalid: 422,
};

/**
 * The library's refusals turned into HTTP answers, the way the CLI turns them into exit codes:
 * bad input 4xx, a held lock 409, invalid data files 422. Anything else is a 500 whose message is
 * kept generic, since an unexpected error could carry anything.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof LockHeldError) return new ApiError(409, 'locked', err.message);
  if (err instanceof ProviderEditError) return new ApiError(PROVIDER_EDIT_STATUS[err.code], err.code, err.message);
  if (err instanceof ProviderDraftError) return new ApiError(400, 'invalid-provider', `${err.field}: ${err.message}`);
  if (err instanceof ToggleError) return new ApiError(err.code === 'unknown-provider' || err.code === 'not-served' ? 404 : 400, err.code, err.message);
  if (err instanceof CostEstimateError) {
    const status = err.code === 'unknown-provider' || err.code === 'not-served' ? 404 : err.code === 'bad-tokens' ? 400 : 422;
    return new ApiError(status, err.code, err.message);
  }
  if (err instanceof ProviderSelectionError) return new ApiError(404, 'unknown-provider', err.message);
  if (err instanceof InvalidEditError) return new ApiError(422, 'invalid-result', err.message);
  if (err instanceof CatalogLoadError) return new ApiError(422, 'invalid-data', err.message);
  if (err instanceof GitError || err instanceof HistoricalCatalogError) {
    return new ApiError(422, /not inside a git repository/.test(err.message) ? 'no-git' : 'git', err.message);
  }
  return new ApiError(500, 'internal', 'internal error; see the server log');
}

export const errorBody = (err: ApiError): ErrorBody => ({ error: { code: err.code, message: err.message } });

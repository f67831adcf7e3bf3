export * from './report/index.ts';
export * from './git.ts';
export * from './merge/index.ts';
export * from './detect-provider.ts';
export * from './provider-draft.ts';
export * from './sync-json.ts';
export * from './discover.ts';
export { FetchError, type FetchErrorKind } from './fetch/errors.ts';
export { REDACTED, redactSecrets } from './fetch/redact.ts';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_RETRY_DELAY_MS,
  DEFAULT_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
  type RetryInfo,
} from './fetch/http.ts';
export { DEFAULT_MAX_PAGES, fetchModelList, modelListFromBody, type FetchedModelList, type FetchModelListOptions } from './fetch/fetch-models.ts';
export { keyOf, keyStatusOf, listingNeedsKey, secretsOf, type KeyStatus, type ProviderKey } from './keys.ts';
export { closeMatches, ProviderSelectionError, type ProviderSelection, selectProviders } from './select-providers.ts';
export type { SyncProgressEvent, SyncProgressListener } from './progress.ts';
export * from './run-sync.ts';
export * from './probe.ts';
export * from './connection-test.ts';
export * from './source-import.ts';

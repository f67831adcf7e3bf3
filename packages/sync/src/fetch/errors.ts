import { escapeControlCharacters } from '@llm-catalog/catalog';
import { redactSecrets } from './redact.ts';

/** Why fetching a provider's model list failed. */
export type FetchErrorKind = 'http' | 'timeout' | 'network' | 'body' | 'upstream' | 'missing-key';

/**
 * A provider's model list could not be fetched. `message` reads `groq: HTTP 401 invalid api key`;
 * `detail` is the same without the provider id. Both are free of the key by construction: every
 * text passes through `redactSecrets` before it is stored. Control characters from upstream text are
 * escaped, so an error printed to a terminal cannot carry an escape sequence.
 */
export class FetchError extends Error {
  readonly providerId: string;
  readonly kind: FetchErrorKind;
  readonly status?: number;
  readonly detail: string;

  constructor(
    providerId: string,
    kind: FetchErrorKind,
    detail: string,
    options: { status?: number; secrets?: Iterable<string> } = {},
  ) {
    const safe = escapeControlCharacters(redactSecrets(detail, options.secrets ?? []));
    super(`${providerId}: ${safe}`);
    this.name = 'FetchError';
    this.providerId = providerId;
    this.kind = kind;
    this.detail = safe;
    if (options.status !== undefined) this.status = options.status;
  }
}

import { roundPrice } from '../price.ts';
import { type CatalogIndex, resolveModel } from '../resolve.ts';
import type { TokenPrice } from '../schema/pricing.ts';

export interface CostRequest {
  provider: string;
  /** A base id, an alias, or the provider's own spelling of the model. */
  model: string;
  /** Every prompt token, the cached ones included (as providers report usage). */
  input_tokens: number;
  output_tokens: number;
  /** How many of `input_tokens` were read from the provider's prompt cache. */
  cached_tokens?: number;
}

/** What a request costs, in `currency`. Each amount is rounded with `roundPrice`. */
export interface CostEstimate {
  /** The uncached input tokens. */
  input: number;
  output: number;
  /** The cached input tokens: at the cache-read price, or at the input price when none is listed. */
  cache: number;
  total: number;
  currency: string;
}

export type CostErrorCode = 'unknown-provider' | 'not-served' | 'disabled' | 'no-price' | 'bad-tokens' | 'mixed-currency';

/** A cost that cannot be estimated. Never answered with 0, which would read as "free". */
export class CostEstimateError extends Error {
  constructor(
    readonly code: CostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CostEstimateError';
  }
}

function checkTokens(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CostEstimateError('bad-tokens', `${name} must be a whole number >= 0 (got ${value})`);
  }
  return value;
}

const amount = (tokens: number, price: TokenPrice | undefined) =>
  tokens === 0 || !price ? 0 : roundPrice((tokens * price.per_million_tokens) / 1_000_000);

/**
 * The cost of one request to `request.provider` for `request.model`, from the price that provider
 * charges (its overrides applied). Throws `CostEstimateError` when the provider does not serve the
 * model, or a price the request needs is unknown.
 */
export function estimateCost(index: CatalogIndex, request: CostRequest): CostEstimate {
  const inputTokens = checkTokens('input_tokens', request.input_tokens);
  const outputTokens = checkTokens('output_tokens', request.output_tokens);
  const cachedTokens = checkTokens('cached_tokens', request.cached_tokens);
  if (cachedTokens > inputTokens) {
    throw new CostEstimateError(
      'bad-tokens',
      `cached_tokens (${cachedTokens}) cannot exceed input_tokens (${inputTokens}): cached tokens are part of the input`,
    );
  }
  if (!index.providers.has(request.provider)) {
    throw new CostEstimateError('unknown-provider', `unknown provider "${request.provider}"`);
  }
  const resolution = resolveModel(index, request.provider, request.model);
  if (!resolution) {
    throw new CostEstimateError('not-served', `${request.provider} does not serve "${request.model}"`);
  }
  const model = resolution.model;
  const label = `${request.provider}/${model.id}`;
  if (model.disabled) {
    throw new CostEstimateError(
      'disabled',
      `${label} is disabled${model.reason ? ` (${model.reason})` : ''}` +
        (model.replace_with ? `; use ${model.replace_with} instead` : ''),
    );
  }
  const pricing = model.pricing;
  const noPrice = (what: string) =>
    new CostEstimateError(
      'no-price',
      model.metadata?.dynamic_pricing
        ? `${label} is priced per request at run time; the catalog has no ${what} price for it`
        : `the catalog has no ${what} price for ${label}`,
    );

  const uncachedTokens = inputTokens - cachedTokens;
  const cachePrice = pricing?.cache_read ?? pricing?.input;
  if (uncachedTokens > 0 && !pricing?.input) throw noPrice('input');
  if (outputTokens > 0 && !pricing?.output) throw noPrice('output');
  if (cachedTokens > 0 && !cachePrice) throw noPrice('cache-read or input');

  const used = [
    uncachedTokens > 0 ? pricing?.input : undefined,
    outputTokens > 0 ? pricing?.output : undefined,
    cachedTokens > 0 ? cachePrice : undefined,
  ].filter((p): p is TokenPrice => p !== undefined);
  const currencies = new Set(used.map((p) => p.currency));
  if (currencies.size > 1) {
    throw new CostEstimateError('mixed-currency', `${label} lists its prices in several currencies: ${[...currencies].join(', ')}`);
  }
  const currency = used[0]?.currency ?? pricing?.input?.currency ?? pricing?.output?.currency;
  if (!currency) throw noPrice('input or output');

  const input = amount(uncachedTokens, pricing?.input);
  const output = amount(outputTokens, pricing?.output);
  const cache = amount(cachedTokens, cachePrice);
  return { input, output, cache, total: roundPrice(input + output + cache), currency };
}

import { formatCount } from '../format.ts';
import { roundPrice } from '../price.ts';
import { type CatalogIndex, resolveModel, type ResolvedModel } from '../resolve.ts';
import type { LongContextTier, Pricing, ServiceTierName, TokenPrice, TokenPriceKey } from '../schema/pricing.ts';

export interface CostRequest {
  provider: string;
  /** A base id, an alias, or the provider's own spelling of the model. */
  model: string;
  /** Every prompt token, the cached ones included (as providers report usage). */
  input_tokens: number;
  output_tokens: number;
  /** How many of `input_tokens` were read from the provider's prompt cache. */
  cached_tokens?: number;
  /** A service tier (batch, flex, priority): its prices instead of the standard ones. */
  tier?: ServiceTierName;
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
  /** The service tier whose prices were used, when one was asked for. */
  tier?: ServiceTierName;
  /** The prompt exceeded this many tokens, so the whole request was priced at that long-context tier. */
  long_context_above?: number;
}

export type CostErrorCode =
  | 'unknown-provider'
  | 'not-served'
  | 'disabled'
  | 'no-price'
  | 'no-tier'
  | 'bad-tokens'
  | 'mixed-currency';

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

type TokenPrices = Partial<Record<TokenPriceKey, TokenPrice>>;

/** The last tier whose threshold the prompt exceeds: the one that prices the whole request. */
function tierFor(tiers: readonly LongContextTier[] | undefined, promptTokens: number): LongContextTier | undefined {
  let applies: LongContextTier | undefined;
  for (const tier of tiers ?? []) if (promptTokens > tier.above_input_tokens) applies = tier;
  return applies;
}

/**
 * The token prices a request is billed at: the service tier's when one is asked for, then, when the
 * prompt exceeds a long-context threshold, that tier's prices for every price it lists (a price it
 * does not list stays the standard one).
 */
function pricesFor(
  pricing: Pricing | undefined,
  tier: ServiceTierName | undefined,
  promptTokens: number,
  label: string,
): { prices: TokenPrices; above?: number } {
  let standard: TokenPrices & { long_context?: LongContextTier[] } = pricing ?? {};
  if (tier) {
    const listed = pricing?.service_tiers?.[tier];
    if (!listed) {
      const known = Object.keys(pricing?.service_tiers ?? {});
      throw new CostEstimateError(
        'no-tier',
        `the catalog lists no ${tier} price for ${label}` + (known.length > 0 ? ` (it lists: ${known.join(', ')})` : ''),
      );
    }
    // The standard prices charge more for this prompt; this tier's own long-context price is unknown,
    // and its short-prompt price would understate the cost.
    const standardLongContext = tierFor(pricing?.long_context, promptTokens);
    if (standardLongContext && !listed.long_context) {
      throw new CostEstimateError(
        'no-price',
        `the catalog has no ${tier} price for prompts over ${formatCount(standardLongContext.above_input_tokens)} tokens for ${label}`,
      );
    }
    standard = listed;
  }
  const longContext = tierFor(standard.long_context, promptTokens);
  if (!longContext) return { prices: standard };
  const { above_input_tokens: above, ...tierPrices } = longContext;
  return { prices: { ...standard, ...tierPrices }, above };
}

/** The token counts of a request, checked: whole, not negative, cached ones within the input. */
function checkedTokens(request: CostRequest): { inputTokens: number; outputTokens: number; cachedTokens: number } {
  const inputTokens = checkTokens('input_tokens', request.input_tokens);
  const outputTokens = checkTokens('output_tokens', request.output_tokens);
  const cachedTokens = checkTokens('cached_tokens', request.cached_tokens);
  if (cachedTokens > inputTokens) {
    throw new CostEstimateError(
      'bad-tokens',
      `cached_tokens (${cachedTokens}) cannot exceed input_tokens (${inputTokens}): cached tokens are part of the input`,
    );
  }
  return { inputTokens, outputTokens, cachedTokens };
}

/** The model as the provider serves it; throws when the provider is unknown, does not serve it, or disabled it. */
function servedModel(index: CatalogIndex, request: CostRequest): { model: ResolvedModel; label: string } {
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
  return { model, label };
}

/**
 * The cost of one request to `request.provider` for `request.model`, from the price that provider
 * charges (its overrides applied). Throws `CostEstimateError` when the provider does not serve the
 * model, or a price the request needs is unknown.
 */
export function estimateCost(index: CatalogIndex, request: CostRequest): CostEstimate {
  const { inputTokens, outputTokens, cachedTokens } = checkedTokens(request);
  const { model, label } = servedModel(index, request);
  const { prices: pricing, above } = pricesFor(model.pricing, request.tier, inputTokens, label);
  const which = request.tier ? `${request.tier} ` : '';
  const noPrice = (what: string) =>
    new CostEstimateError(
      'no-price',
      model.metadata?.dynamic_pricing
        ? `${label} is priced per request at run time; the catalog has no ${which}${what} price for it`
        : `the catalog has no ${which}${what} price for ${label}`,
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
  return {
    input,
    output,
    cache,
    total: roundPrice(input + output + cache),
    currency,
    ...(request.tier ? { tier: request.tier } : {}),
    ...(above === undefined ? {} : { long_context_above: above }),
  };
}

import type { TokenPrice } from '../schema/pricing.ts';
import { type CatalogIndex, resolveModel, type ResolvedModel, resolveOfferings } from '../resolve.ts';
import { byCodePoint } from '../schema/common.ts';

/** One provider's offering of a model, as `providersFor` returns it. */
export interface ModelOffering {
  provider_id: string;
  /** The id to send to this provider. */
  provider_model_id: string;
  /** Which offering this is when the provider serves the model several ways (`free`, `fp8`, `us`). */
  variant?: string;
  /** The model as this provider serves it (its price, limits and capabilities). */
  model: ResolvedModel;
}

/**
 * The base model id that `modelId` names anywhere in the catalog: a base id or an alias (both
 * case-insensitive), the exact id some provider is called with (`provider_model_id`), else any
 * spelling the identity links (a person's link, a source's name, the spelling rules).
 */
export function findBaseModelId(index: CatalogIndex, modelId: string): string | undefined {
  const lower = modelId.toLowerCase();
  if (index.models.has(lower)) return lower;
  const alias = index.aliases.get(lower);
  if (alias) return alias;
  for (const o of index.catalog.overrides) {
    if (o.provider_model_id === modelId) return o.model_id;
  }
  for (const o of index.catalog.overrides) {
    if (o.provider_model_id?.toLowerCase() === lower) return o.model_id;
  }
  return index.identity.lookup(modelId)?.model_id;
}

/** True when `providerId` serves `modelId` and has not disabled it. */
export function isValidModel(index: CatalogIndex, providerId: string, modelId: string): boolean {
  const resolution = resolveModel(index, providerId, modelId);
  return resolution !== undefined && resolution.model.disabled !== true;
}

// The catalog's default currency sorts first; amounts in different currencies are not comparable,
// so offerings are grouped by currency rather than ranked by a number that would mix units.
const DEFAULT_CURRENCY = 'USD';
function compareCurrency(a: string, b: string): number {
  if (a === b) return 0;
  if (a === DEFAULT_CURRENCY) return -1;
  if (b === DEFAULT_CURRENCY) return 1;
  return a < b ? -1 : 1;
}

function compareAmounts(pa: TokenPrice | undefined, pb: TokenPrice | undefined): number {
  if (pa && !pb) return -1;
  if (!pa && pb) return 1;
  if (pa && pb) return compareCurrency(pa.currency, pb.currency) || pa.per_million_tokens - pb.per_million_tokens;
  return 0;
}

/**
 * Cheapest input price first, grouped by currency (the default one first); an unknown price last;
 * ties broken by provider id.
 */
export function compareByInputPrice(
  a: Pick<ModelOffering, 'provider_id'> & { model: Pick<ResolvedModel, 'pricing'> },
  b: Pick<ModelOffering, 'provider_id'> & { model: Pick<ResolvedModel, 'pricing'> },
): number {
  return (
    compareAmounts(a.model.pricing?.input, b.model.pricing?.input) ||
    byCodePoint(a.provider_id, b.provider_id)
  );
}

function compareByPrice(a: ModelOffering, b: ModelOffering): number {
  return (
    compareAmounts(a.model.pricing?.input, b.model.pricing?.input) ||
    compareAmounts(a.model.pricing?.output, b.model.pricing?.output) ||
    byCodePoint(a.provider_id, b.provider_id) ||
    ((a.variant ?? '') < (b.variant ?? '') ? -1 : (a.variant ?? '') > (b.variant ?? '') ? 1 : 0)
  );
}

/**
 * Every offering of the model `modelId` names (any linked spelling), one per provider and variant,
 * cheapest input price first, then cheapest output price: what a failover or cheapest-route decision
 * needs. Disabled offerings are left out; offerings whose price is unknown come last, and ties are
 * broken by provider id, then variant.
 */
export function providersFor(index: CatalogIndex, modelId: string): ModelOffering[] {
  const baseId = findBaseModelId(index, modelId);
  if (!baseId) return [];
  const offerings: ModelOffering[] = [];
  for (const providerId of index.providers.keys()) {
    for (const model of resolveOfferings(index, providerId, baseId)) {
      if (model.disabled) continue;
      offerings.push({
        provider_id: providerId,
        provider_model_id: model.provider_model_id,
        ...(model.variant ? { variant: model.variant } : {}),
        model,
      });
    }
  }
  return offerings.sort(compareByPrice);
}

/** Why `providerId` has no offering of `modelId`, naming who serves it instead (or that no model has that id). */
export function notServedMessage(index: CatalogIndex, providerId: string, modelId: string): string {
  const servedBy = providersFor(index, modelId).map((o) => o.provider_id);
  const known = findBaseModelId(index, modelId);
  return (
    `${providerId} does not serve "${modelId}"` +
    (servedBy.length > 0 ? `; served by ${servedBy.join(', ')}` : known ? '; no provider serves it' : ' (no model by that id or alias)')
  );
}

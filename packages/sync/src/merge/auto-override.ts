import { canonicalPricing, canonicalValue, type Model, type Override, type Provenance } from '@llm-catalog/catalog';
import type { CapabilityVocabulary, NormalizedModel } from '@llm-catalog/transformers';

type Limits = NonNullable<Override['limits']>;

/**
 * What the source said of the offering's capabilities: it has those it reported, and lacks those of
 * its vocabulary it did not. A capability outside the vocabulary is one the source cannot speak
 * about, so another band's word on it stands (Anthropic's list has no tool-use flag).
 */
export function reportedCapabilities(source: NormalizedModel, vocabulary: CapabilityVocabulary): Override['capabilities'] {
  if (source.capabilities === undefined) return undefined;
  const reported = source.capabilities;
  const lacking = vocabulary.filter((cap) => !reported.includes(cap));
  if (reported.length === 0 && lacking.length === 0) return undefined;
  return { ...(reported.length > 0 ? { add: [...reported].sort() } : {}), ...(lacking.length > 0 ? { remove: lacking.sort() } : {}) };
}

function reportedLimits(source: NormalizedModel): Limits | undefined {
  const out: Limits = {};
  if (source.context_window !== undefined) out.context_window = source.context_window;
  if (source.max_input_tokens !== undefined) out.max_input_tokens = source.max_input_tokens;
  if (source.max_output_tokens !== undefined) out.max_output_tokens = source.max_output_tokens;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * One source's auto override of a base model for one provider: every offering fact the source
 * reported (its spelling of the id, prices, limits, capabilities), not only the differences from the
 * base model, so that no other source changing the base model can change what this source said the
 * provider serves. Capabilities are added and removed within the source's vocabulary, never forced:
 * omitted means unknown. With nothing reported it is a membership marker: "this provider serves this model".
 * A reported limit is kept even when it contradicts a base limit the source did not report: which
 * one is wrong is for a person to decide (`catalog audit` and `validate` show it), and dropping it
 * would make this provider's offering depend on what other sources wrote into the base model.
 */
export function autoOverrideFor(
  providerId: string,
  base: Model,
  source: NormalizedModel,
  band: { priority: number; provenance: Provenance; vocabulary: CapabilityVocabulary },
  variant?: string,
): Override {
  // Keys in the files' order, no undefined ones and lists sorted: the canonical form is the object
  // itself, and only the prices are copied. A large sync builds one of these per offering.
  const override = { provider_id: providerId, model_id: base.id } as Override;
  if (variant !== undefined) override.variant = variant;
  if (source.provider_model_id !== base.id) override.provider_model_id = source.provider_model_id;
  override.priority = band.priority;
  const capabilities = reportedCapabilities(source, band.vocabulary);
  if (capabilities !== undefined) override.capabilities = capabilities;
  const limits = reportedLimits(source);
  if (limits !== undefined) override.limits = limits;
  if (source.pricing !== undefined) override.pricing = canonicalPricing(source.pricing);
  override.provenance = canonicalValue(band.provenance);
  // Canonical as built (a property test holds it to `canonicalValue`): no second walk over it.
  return override;
}

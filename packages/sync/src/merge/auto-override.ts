import {
  type Capability,
  canonicalOverrides,
  type Model,
  type Override,
  PRICE_KEYS,
  type PricingOverride,
} from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import { sameValue } from './same-value.ts';
import type { MergeNote } from './types.ts';

/** The priority of every override a sync writes. */
export const AUTO_PRIORITY = 0;

const LIMIT_KEYS = ['context_window', 'max_output_tokens', 'max_input_tokens'] as const;
type Limits = NonNullable<Override['limits']>;

function pricingDifferences(base: Model, source: NormalizedModel): PricingOverride | undefined {
  const out: Record<string, unknown> = {};
  for (const key of PRICE_KEYS) {
    const reported = source.pricing?.[key];
    if (reported !== undefined && !sameValue(reported, base.pricing?.[key])) out[key] = reported;
  }
  return Object.keys(out).length > 0 ? (out as PricingOverride) : undefined;
}

function limitDifferences(base: Model, source: NormalizedModel): Limits | undefined {
  const out: Limits = {};
  for (const key of LIMIT_KEYS) {
    const reported = source[key];
    if (reported !== undefined && reported !== base[key]) out[key] = reported;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A provider that reports a capability list says what it serves, so what it leaves out is removed;
 * a provider that reports no list says nothing, and removes nothing.
 */
function capabilityDifferences(base: Model, source: NormalizedModel): Override['capabilities'] {
  if (source.capabilities === undefined) return undefined;
  const reported = new Set<Capability>(source.capabilities);
  const current = new Set<Capability>(base.capabilities ?? []);
  const add = [...reported].filter((c) => !current.has(c));
  const remove = [...current].filter((c) => !reported.has(c));
  if (add.length === 0 && remove.length === 0) return undefined;
  return { ...(add.length > 0 ? { add } : {}), ...(remove.length > 0 ? { remove } : {}) };
}

/**
 * The provider's limits must not make its offering invalid: a reported output limit above the base
 * context window (or a reported context window below the base output limit) cannot both hold, and
 * keeping either one silently would pick a winner. Both are left to the base model and reported.
 */
function dropConflictingLimits(base: Model, limits: Limits | undefined, modelId: string, notes: MergeNote[]) {
  if (!limits) return undefined;
  const context = limits.context_window ?? base.context_window;
  const maxOutput = limits.max_output_tokens ?? base.max_output_tokens;
  if (context === undefined || maxOutput === undefined || maxOutput <= context) return limits;
  notes.push({
    kind: 'collision',
    model_id: modelId,
    message:
      `the provider's limits conflict with base model "${modelId}": max_output_tokens ${maxOutput} exceeds ` +
      `context_window ${context}; kept the base model's limits for this provider`,
  });
  const { context_window: _context, max_output_tokens: _maxOutput, ...rest } = limits;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * The provider's auto override of a base model: only the differences in fields the provider
 * reported (prices by key, limits, capabilities, its spelling of the id). With no difference it is
 * a membership marker: "this provider serves this model".
 */
export function autoOverrideFor(
  providerId: string,
  base: Model,
  source: NormalizedModel,
): { override: Override; notes: MergeNote[] } {
  const notes: MergeNote[] = [];
  const override: Override = {
    provider_id: providerId,
    model_id: base.id,
    priority: AUTO_PRIORITY,
    provider_model_id: source.provider_model_id !== base.id ? source.provider_model_id : undefined,
    capabilities: capabilityDifferences(base, source),
    limits: dropConflictingLimits(base, limitDifferences(base, source), base.id, notes),
    pricing: pricingDifferences(base, source),
  };
  const [canonical] = canonicalOverrides([override]);
  return { override: canonical ?? override, notes };
}

import { canonicalOverrides, type Model, type Override, type Provenance } from '@llm-catalog/catalog';
import type { NormalizedModel } from '@llm-catalog/transformers';
import type { MergeNote } from './types.ts';

type Limits = NonNullable<Override['limits']>;

function reportedLimits(source: NormalizedModel): Limits | undefined {
  const out: Limits = {};
  if (source.context_window !== undefined) out.context_window = source.context_window;
  if (source.max_output_tokens !== undefined) out.max_output_tokens = source.max_output_tokens;
  if (source.max_input_tokens !== undefined) out.max_input_tokens = source.max_input_tokens;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A source that reports only one of the two limits must not make the offering invalid against the
 * base model's other one (an output limit above the base context window, or a context window below
 * the base output limit); keeping either silently would pick a winner, so both are left to the base
 * model and the conflict is reported.
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
      `the source's limits conflict with base model "${modelId}": max_output_tokens ${maxOutput} exceeds ` +
      `context_window ${context}; kept the base model's limits for this provider`,
  });
  const { context_window: _context, max_output_tokens: _maxOutput, ...rest } = limits;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/**
 * One source's auto override of a base model for one provider: every offering fact the source
 * reported (its spelling of the id, prices, limits, capabilities), not only the differences from the
 * base model, so that no other source changing the base model can change what this source said the
 * provider serves. A reported capability list says what the offering has, so it replaces the list
 * (`force`). With nothing reported it is a membership marker: "this provider serves this model".
 */
export function autoOverrideFor(
  providerId: string,
  base: Model,
  source: NormalizedModel,
  band: { priority: number; provenance: Provenance },
): { override: Override; notes: MergeNote[] } {
  const notes: MergeNote[] = [];
  const override: Override = {
    provider_id: providerId,
    model_id: base.id,
    priority: band.priority,
    provider_model_id: source.provider_model_id !== base.id ? source.provider_model_id : undefined,
    capabilities: source.capabilities !== undefined ? { force: [...source.capabilities] } : undefined,
    limits: dropConflictingLimits(base, reportedLimits(source), base.id, notes),
    pricing: source.pricing,
    provenance: band.provenance,
  };
  const [canonical] = canonicalOverrides([override]);
  return { override: canonical ?? override, notes };
}

import { isManualOverride, type OfferingKey } from '../schema/override.ts';
import { type EntryRule, problem } from './rule.ts';

/** `provider/model`, or `provider/model (variant v)`: how problems name an offering. */
export const offeringLabel = (o: OfferingKey): string =>
  `${o.provider_id}/${o.model_id}${o.variant ? ` (variant ${o.variant})` : ''}`;

export const unknownProvider: EntryRule<'overrides'> = (o, _i, ix) =>
  ix.firstProvider.has(o.provider_id)
    ? undefined
    : problem('unknown-provider', `unknown provider "${o.provider_id}" (not in providers.json)`, { field: 'provider_id' });

export const unknownModel: EntryRule<'overrides'> = (o, _i, ix) =>
  ix.firstModel.has(o.model_id)
    ? undefined
    : problem('unknown-model', `unknown model "${o.model_id}" (not in models.json)`, { field: 'model_id' });

export const unknownReplaceWith: EntryRule<'overrides'> = (o, _i, ix) =>
  o.replace_with && !ix.firstModel.has(o.replace_with)
    ? problem('unknown-model', `replace_with names unknown model "${o.replace_with}"`, { field: 'replace_with' })
    : undefined;

export const manualWithoutReason: EntryRule<'overrides'> = (o) =>
  isManualOverride(o) && !o.reason
    ? problem('manual-without-reason', 'a manual override (priority >= 100) must say why in "reason"', { field: 'reason' })
    : undefined;

/**
 * One offering (provider, model, variant) has at most one override per priority: each source writes
 * one auto override in its own band, and a person's overrides need a clear order.
 */
export const duplicatePriority: EntryRule<'overrides'> = (o, i, ix) => {
  if (!ix.repeatedPriority.has(i)) return undefined;
  const offering = offeringLabel(o);
  return isManualOverride(o)
    ? problem('duplicate-priority', `two overrides for ${offering} share priority ${o.priority}; resolution order would be ambiguous`, {
        field: 'priority',
      })
    : problem(
        'duplicate-auto-override',
        `a second auto override at priority ${o.priority} for ${offering}; a source writes exactly one per offering`,
      );
};

export const outputExceedsContext: EntryRule<'overrides'> = (o, _i, ix) => {
  const base = ix.modelById.get(o.model_id);
  const context = o.limits?.context_window ?? base?.context_window;
  const maxOut = o.limits?.max_output_tokens ?? base?.max_output_tokens;
  if (!o.limits || context === undefined || maxOut === undefined || maxOut <= context) return undefined;
  // Both limits from one auto override is that source contradicting itself; one from the base was
  // written by another source, which an import cannot settle, so it is reported, not refused.
  const ownBoth = o.limits.context_window !== undefined && o.limits.max_output_tokens !== undefined;
  return problem('output-exceeds-context', `max_output_tokens ${maxOut} exceeds context_window ${context} for this provider`, {
    field: 'limits.max_output_tokens',
    severity: ownBoth || isManualOverride(o) ? 'error' : 'warning',
  });
};

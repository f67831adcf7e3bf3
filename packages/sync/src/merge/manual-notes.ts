import { applyOverrides, type Model, type Override, type ResolvedModel } from '@llm-catalog/catalog';
import { sameValue } from './same-value.ts';
import { offeringId } from './offerings.ts';
import type { MergeNote } from './types.ts';

/** An offering this provider has after the merge: its base model and its auto overrides, every band, ascending. */
export interface ServedModel {
  base: Model;
  auto: Override[];
  /** This source's new auto override, when this source lists the offering. */
  own?: Override;
}

/** `disabled: false` only undoes an earlier `disabled: true`; on its own it says nothing. */
function effect(model: ResolvedModel): ResolvedModel {
  if (model.disabled !== false) return model;
  const { disabled: _disabled, ...rest } = model;
  return rest;
}

/**
 * Notes on this provider's manual overrides, which a sync never changes: those whose offering no
 * source lists any more (`orphaned-manual`), and those that change nothing on top of the synced
 * value, i.e. of the base model with the auto overrides and the lower-priority manual overrides
 * applied (`redundant-manual`). `served` is keyed by `offeringId`.
 */
export function manualOverrideNotes(
  providerId: string,
  manual: readonly Override[],
  served: ReadonlyMap<string, ServedModel>,
): MergeNote[] {
  const byOffering = new Map<string, Override[]>();
  for (const o of manual) {
    const key = offeringId({ modelId: o.model_id, variant: o.variant });
    const list = byOffering.get(key);
    if (list) list.push(o);
    else byOffering.set(key, [o]);
  }
  const notes: MergeNote[] = [];
  for (const key of [...byOffering.keys()].sort()) {
    const list = (byOffering.get(key) ?? []).sort((a, b) => a.priority - b.priority);
    const offering = served.get(key);
    const modelId = list[0]?.model_id ?? key;
    list.forEach((o, i) => {
      if (!offering) {
        notes.push({
          kind: 'orphaned-manual',
          model_id: modelId,
          message: `manual override (priority ${o.priority}) of "${modelId}" points at a model the provider no longer lists`,
        });
        return;
      }
      const lower = [...offering.auto, ...list.slice(0, i)];
      const without = applyOverrides(offering.base, providerId, lower).model;
      const withIt = applyOverrides(offering.base, providerId, [...lower, o]).model;
      if (sameValue(effect(without), effect(withIt))) {
        notes.push({
          kind: 'redundant-manual',
          model_id: modelId,
          message: `manual override (priority ${o.priority}) of "${modelId}" now equals the synced value; it can be removed`,
        });
      }
    });
  }
  return notes;
}

import { applyOverrides, type Model, type Override, type ResolvedModel } from '@llm-catalog/catalog';
import { sameValue } from './same-value.ts';
import type { MergeNote } from './types.ts';

/** A model this provider serves after the merge: its base model and its new auto override. */
export interface ServedModel {
  base: Model;
  auto: Override;
}

/** `disabled: false` only undoes an earlier `disabled: true`; on its own it says nothing. */
function effect(model: ResolvedModel): ResolvedModel {
  if (model.disabled !== false) return model;
  const { disabled: _disabled, ...rest } = model;
  return rest;
}

/**
 * Notes on this provider's manual overrides, which a sync never changes: those whose model the
 * provider no longer lists (`orphaned-manual`), and those that change nothing on top of the synced
 * value, i.e. of the base model with the auto override and the lower-priority manual overrides
 * applied (`redundant-manual`).
 */
export function manualOverrideNotes(
  providerId: string,
  manual: readonly Override[],
  served: ReadonlyMap<string, ServedModel>,
): MergeNote[] {
  const byModel = new Map<string, Override[]>();
  for (const o of manual) {
    const list = byModel.get(o.model_id);
    if (list) list.push(o);
    else byModel.set(o.model_id, [o]);
  }
  const notes: MergeNote[] = [];
  for (const modelId of [...byModel.keys()].sort()) {
    const list = (byModel.get(modelId) ?? []).sort((a, b) => a.priority - b.priority);
    const offering = served.get(modelId);
    list.forEach((o, i) => {
      if (!offering) {
        notes.push({
          kind: 'orphaned-manual',
          model_id: modelId,
          message: `manual override (priority ${o.priority}) of "${modelId}" points at a model the provider no longer lists`,
        });
        return;
      }
      const lower = [offering.auto, ...list.slice(0, i)];
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

import type { Catalog } from '../io/read.ts';
import { applyOverrides, findModelId, indexCatalog } from '../resolve.ts';
import { notServedMessage } from './offerings.ts';
import { isManualOverride, MANUAL_PRIORITY, type Override } from '../schema/override.ts';

export interface ToggleRequest {
  provider: string;
  /** A base id, an alias, or the provider's own spelling. */
  model: string;
  disabled: boolean;
  reason?: string;
  /** Only with `disabled: true`: the model to use instead (a base id). */
  replace_with?: string;
}

export type ToggleChange = 'created' | 'updated' | 'removed' | 'unchanged';

export interface ToggleResult {
  catalog: Catalog;
  change: ToggleChange;
  /** The base model id the request named. */
  model_id: string;
  /** The override written (created or updated), or the one removed. */
  override?: Override;
}

export class ToggleError extends Error {
  constructor(
    readonly code: 'unknown-provider' | 'not-served' | 'needs-reason' | 'self-replacement',
    message: string,
  ) {
    super(message);
    this.name = 'ToggleError';
  }
}

const TOGGLE_KEYS = new Set(['provider_id', 'model_id', 'priority', 'reason', 'disabled', 'replace_with']);

/** A manual override that only switches the offering on or off, so it can be edited without losing anything else. */
const isToggleOnly = (o: Override) => isManualOverride(o) && Object.keys(o).every((k) => TOGGLE_KEYS.has(k));

const sameOverride = (a: Override, b: Override) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * Switches one provider's offering of a model on or off with a manual override (priority >= 100),
 * which no sync touches. The highest-priority manual override is edited in place when it only
 * toggles; otherwise a new one is added above it, so overrides a person wrote for other reasons
 * keep their content. Enabling an offering that only a toggle override disabled removes that
 * override. Pure: returns the new catalog.
 */
export function toggleOffering(catalog: Catalog, request: ToggleRequest): ToggleResult {
  const index = indexCatalog(catalog);
  if (!index.providers.has(request.provider)) {
    throw new ToggleError('unknown-provider', `unknown provider "${request.provider}" (not in providers.json)`);
  }
  const modelId = findModelId(index, request.provider, request.model);
  const overrides = modelId ? index.overrides.get(request.provider)?.get(modelId) : undefined;
  const base = modelId ? index.models.get(modelId) : undefined;
  if (!modelId || !overrides || !base) {
    throw new ToggleError('not-served', notServedMessage(index, request.provider, request.model));
  }
  if (request.disabled && request.replace_with === modelId) {
    throw new ToggleError('self-replacement', `${modelId} cannot be its own replacement`);
  }
  const manual = overrides.filter(isManualOverride);
  const top = manual.at(-1);
  const replace = (from: Override | undefined, to: Override | undefined): Catalog => ({
    ...catalog,
    overrides: [...catalog.overrides.filter((o) => o !== from), ...(to ? [to] : [])],
  });
  const unchanged: ToggleResult = { catalog, change: 'unchanged', model_id: modelId };

  if (!request.disabled) {
    if (!applyOverrides(base, request.provider, overrides).model.disabled) return unchanged;
    if (top && isToggleOnly(top) && top.disabled) {
      const without = overrides.filter((o) => o !== top);
      if (!applyOverrides(base, request.provider, without).model.disabled) {
        return { catalog: replace(top, undefined), change: 'removed', model_id: modelId, override: top };
      }
    }
  }
  if (!request.reason) {
    throw new ToggleError(
      'needs-reason',
      `a manual override must say why: give a reason for ${request.disabled ? 'disabling' : 'enabling'} ${request.provider}/${modelId}`,
    );
  }
  const fields = {
    reason: request.reason,
    disabled: request.disabled,
    ...(request.disabled && request.replace_with ? { replace_with: request.replace_with } : {}),
  };
  if (top && isToggleOnly(top)) {
    const updated: Override = { provider_id: top.provider_id, model_id: top.model_id, priority: top.priority, ...fields };
    if (sameOverride(updated, top)) return { ...unchanged, override: top };
    return { catalog: replace(top, updated), change: 'updated', model_id: modelId, override: updated };
  }
  const created: Override = {
    provider_id: request.provider,
    model_id: modelId,
    priority: top ? top.priority + 1 : MANUAL_PRIORITY,
    ...fields,
  };
  return { catalog: replace(undefined, created), change: 'created', model_id: modelId, override: created };
}

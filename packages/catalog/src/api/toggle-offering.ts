import type { Catalog } from '../io/read.ts';
import { applyOverrides, findOffering, indexCatalog } from '../resolve.ts';
import { notServedMessage } from './offerings.ts';
import { isManualOverride, MANUAL_PRIORITY, type Override } from '../schema/override.ts';

export interface ToggleRequest {
  provider: string;
  /** Any linked spelling; one that names a variant (`...:free`, `us.`) switches that offering. */
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
  /** The variant of the offering switched, when it is not the plain one. */
  variant?: string;
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

const TOGGLE_KEYS = new Set(['provider_id', 'model_id', 'variant', 'priority', 'reason', 'disabled', 'replace_with']);

/** A manual override that only switches the offering on or off, so it can be edited without losing anything else. */
const isToggleOnly = (o: Override) => isManualOverride(o) && Object.keys(o).every((k) => TOGGLE_KEYS.has(k));

const sameOverride = (a: Override, b: Override) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** The offering a request names, with its base model and overrides; throws when it is not served. */
function offeringOf(catalog: Catalog, request: ToggleRequest) {
  const index = indexCatalog(catalog);
  if (!index.providers.has(request.provider)) {
    throw new ToggleError('unknown-provider', `unknown provider "${request.provider}" (not in providers.json)`);
  }
  const offering = findOffering(index, request.provider, request.model);
  const modelId = offering?.model_id;
  const variant = offering?.variant;
  const overrides = modelId
    ? index.overrides.get(request.provider)?.get(modelId)?.filter((o) => o.variant === variant)
    : undefined;
  const base = modelId ? index.models.get(modelId) : undefined;
  if (!modelId || !overrides || !base) {
    throw new ToggleError('not-served', notServedMessage(index, request.provider, request.model));
  }
  if (request.disabled && request.replace_with === modelId) {
    throw new ToggleError('self-replacement', `${modelId} cannot be its own replacement`);
  }
  return { modelId, variant, overrides, base };
}

/**
 * Switches one provider's offering of a model on or off with a manual override (priority >= 100),
 * which no sync touches. The highest-priority manual override is edited in place when it only
 * toggles; otherwise a new one is added above it, so overrides a person wrote for other reasons
 * keep their content. Enabling an offering that only a toggle override disabled removes that
 * override. Pure: returns the new catalog.
 */
export function toggleOffering(catalog: Catalog, request: ToggleRequest): ToggleResult {
  const { modelId, variant, overrides, base } = offeringOf(catalog, request);
  const manual = overrides.filter(isManualOverride);
  const top = manual.at(-1);
  const replace = (from: Override | undefined, to: Override | undefined): Catalog => ({
    ...catalog,
    overrides: [...catalog.overrides.filter((o) => o !== from), ...(to ? [to] : [])],
  });
  const offered = variant === undefined ? {} : { variant };
  const unchanged: ToggleResult = { catalog, change: 'unchanged', model_id: modelId, ...offered };

  if (!request.disabled) {
    if (!applyOverrides(base, request.provider, overrides).model.disabled) return unchanged;
    if (top && isToggleOnly(top) && top.disabled) {
      const without = overrides.filter((o) => o !== top);
      if (!applyOverrides(base, request.provider, without).model.disabled) {
        return { catalog: replace(top, undefined), change: 'removed', model_id: modelId, ...offered, override: top };
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
    const updated: Override = {
      provider_id: top.provider_id,
      model_id: top.model_id,
      ...offered,
      priority: top.priority,
      ...fields,
    };
    if (sameOverride(updated, top)) return { ...unchanged, override: top };
    return { catalog: replace(top, updated), change: 'updated', model_id: modelId, ...offered, override: updated };
  }
  const created: Override = {
    provider_id: request.provider,
    model_id: modelId,
    ...offered,
    priority: top ? top.priority + 1 : MANUAL_PRIORITY,
    ...fields,
  };
  return { catalog: replace(undefined, created), change: 'created', model_id: modelId, ...offered, override: created };
}

import { byCodePoint, type Catalog, formatCount, formatMoney, isManualOverride, offeringKey, type Override, type ResolvedModel } from '@llm-catalog/catalog';
import { formatPercent } from './price-text.ts';
import {
  CAPABILITY_LOSS_MIN_PROVIDERS,
  PRICE_MOVE_RISK_RATIO,
  PROVIDER_LOSS_RISK_RATIO,
} from './thresholds.ts';
import type { DateChange, ProviderChanges, RiskFlag, RiskKind } from './types.ts';

type ResolvedCatalog = Map<string, Map<string, ResolvedModel>>;

interface RiskInput {
  before: Catalog;
  after: Catalog;
  resolvedBefore: ResolvedCatalog;
  resolvedAfter: ResolvedCatalog;
  providers: ProviderChanges[];
  dates: DateChange[];
}

/** The order flags are listed in: what costs money or breaks callers first. */
export const RISK_ORDER: readonly RiskKind[] = [
  'price-to-zero',
  'price-move',
  'context-shrank',
  'provider-lost-models',
  'orphaned-override',
  'base-model-unserved',
  'capability-lost',
  'shutdown-sooner',
];

function priceRisks(providers: ProviderChanges[]): RiskFlag[] {
  const out: RiskFlag[] = [];
  for (const p of providers) {
    for (const c of p.prices) {
      if (c.old === undefined || c.new === undefined || c.old_currency !== c.new_currency) continue;
      const where = { provider_id: p.id, model_id: c.model_id, field: c.key, old: c.old, new: c.new };
      const move = `${formatMoney(c.old, c.old_currency)} -> ${formatMoney(c.new, c.new_currency)}`;
      if (c.old > 0 && c.new === 0) {
        out.push({ kind: 'price-to-zero', ...where, message: `${c.key} price dropped to 0 (${move})` });
      } else if (c.old === 0 && c.new > 0) {
        out.push({ kind: 'price-move', ...where, message: `${c.key} price was free, now ${move}` });
      } else if (c.old > 0 && Math.abs(c.new - c.old) / c.old > PRICE_MOVE_RISK_RATIO) {
        const pct = c.change_pct === undefined ? '' : `, ${formatPercent(c.change_pct)}`;
        out.push({ kind: 'price-move', ...where, message: `${c.key} price moved ${move}${pct}` });
      }
    }
  }
  return out;
}

function contextRisks(providers: ProviderChanges[]): RiskFlag[] {
  const out: RiskFlag[] = [];
  for (const p of providers) {
    for (const c of p.limits) {
      if (c.key !== 'context_window' || c.old === undefined || c.new === undefined || c.new >= c.old) continue;
      out.push({
        kind: 'context-shrank',
        provider_id: p.id,
        model_id: c.model_id,
        field: c.key,
        old: c.old,
        new: c.new,
        message: `context window shrank ${formatCount(c.old)} -> ${formatCount(c.new)}`,
      });
    }
  }
  return out;
}

function providerLossRisks(providers: ProviderChanges[]): RiskFlag[] {
  return providers
    .filter((p) => p.models_before > 0 && p.removed.length / p.models_before > PROVIDER_LOSS_RISK_RATIO)
    .map((p) => ({
      kind: 'provider-lost-models' as const,
      provider_id: p.id,
      old: p.models_before,
      new: p.models_after,
      message: `lost ${p.removed.length} of ${p.models_before} models (${Math.round((p.removed.length / p.models_before) * 100)} %)`,
    }));
}

/**
 * Manual overrides that now point at nothing: their model or provider is gone, or the provider's sync
 * stopped listing the model (its auto override disappeared) while the person's override stayed.
 */
interface CatalogIds {
  providers: Set<string>;
  models: Set<string>;
}
const idsOf = (c: Catalog): CatalogIds => ({
  providers: new Set(c.providers.map((p) => p.id)),
  models: new Set(c.models.map((m) => m.id)),
});

function danglingReason(ids: CatalogIds, o: Override): string | undefined {
  if (!ids.providers.has(o.provider_id)) return `provider "${o.provider_id}" no longer exists`;
  if (!ids.models.has(o.model_id)) return `model "${o.model_id}" no longer exists in models.json`;
  return undefined;
}

function orphanedOverrideRisks({ before, after }: RiskInput): RiskFlag[] {
  const overrideKey = (o: Override) => `${offeringKey(o)}\u0000${o.priority}`;
  const idsBefore = idsOf(before);
  const idsAfter = idsOf(after);
  const alreadyDangling = new Set(
    before.overrides.filter((o) => isManualOverride(o) && danglingReason(idsBefore, o)).map(overrideKey),
  );
  const autoKeys = (c: Catalog) =>
    new Set(c.overrides.filter((o) => !isManualOverride(o)).map(offeringKey));
  const autoBefore = autoKeys(before);
  const autoAfter = autoKeys(after);
  const out: RiskFlag[] = [];
  for (const o of after.overrides) {
    if (!isManualOverride(o)) continue;
    const key = offeringKey(o);
    const dangling = alreadyDangling.has(overrideKey(o)) ? undefined : danglingReason(idsAfter, o);
    const unlisted = autoBefore.has(key) && !autoAfter.has(key) ? `${o.provider_id} no longer lists this model` : undefined;
    const why = dangling ?? unlisted;
    if (why) {
      out.push({
        kind: 'orphaned-override',
        provider_id: o.provider_id,
        model_id: o.model_id,
        message: `manual override (priority ${o.priority}) points at nothing: ${why}`,
      });
    }
  }
  return out;
}

const servesEnabled = (resolved: ResolvedCatalog, modelId: string) =>
  [...resolved.values()].some((models) => {
    const m = models.get(modelId);
    return m !== undefined && !m.disabled;
  });

function unservedBaseModelRisks({ after, resolvedBefore, resolvedAfter }: RiskInput): RiskFlag[] {
  return after.models
    .filter((m) => servesEnabled(resolvedBefore, m.id) && !servesEnabled(resolvedAfter, m.id))
    .map((m) => ({
      kind: 'base-model-unserved' as const,
      model_id: m.id,
      message: 'base model is no longer served by any provider',
    }));
}

function capabilityLossRisks({ providers }: RiskInput): RiskFlag[] {
  const lostAt = new Map<string, string[]>();
  for (const p of providers) {
    for (const c of p.capabilities) {
      for (const cap of c.removed) {
        const key = `${c.model_id}\u0000${cap}`;
        lostAt.set(key, [...(lostAt.get(key) ?? []), p.id]);
      }
    }
  }
  const out: RiskFlag[] = [];
  for (const [key, providerIds] of lostAt) {
    if (providerIds.length < CAPABILITY_LOSS_MIN_PROVIDERS) continue;
    const [modelId, cap] = key.split('\u0000') as [string, string];
    out.push({
      kind: 'capability-lost',
      model_id: modelId,
      field: cap,
      message: `${cap} lost at ${providerIds.length} providers (${providerIds.join(', ')})`,
    });
  }
  return out;
}

/** A shutdown date newly announced or moved earlier: callers of the model must move before that day. */
function shutdownRisks({ dates }: RiskInput): RiskFlag[] {
  return dates
    .filter((d) => d.key === 'shutdown_date' && d.new !== undefined && (d.old === undefined || d.new < d.old))
    .map((d) => ({
      kind: 'shutdown-sooner' as const,
      model_id: d.model_id,
      field: d.key,
      message: d.old === undefined ? `shuts down on ${d.new}` : `shutdown moved earlier: ${d.old} -> ${d.new}`,
    }));
}

const byString = (a: string | undefined, b: string | undefined) => byCodePoint(a ?? '', b ?? '');

/** Every risk flag of a change, in a fixed order: kind, then provider, model and field. */
export function findRisks(input: RiskInput): RiskFlag[] {
  const flags = [
    ...priceRisks(input.providers),
    ...contextRisks(input.providers),
    ...providerLossRisks(input.providers),
    ...orphanedOverrideRisks(input),
    ...unservedBaseModelRisks(input),
    ...capabilityLossRisks(input),
    ...shutdownRisks(input),
  ];
  return flags.sort(
    (a, b) =>
      RISK_ORDER.indexOf(a.kind) - RISK_ORDER.indexOf(b.kind) ||
      byString(a.provider_id, b.provider_id) ||
      byString(a.model_id, b.model_id) ||
      byString(a.field, b.field),
  );
}

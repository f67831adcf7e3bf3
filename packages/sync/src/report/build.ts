import {
  byCodePoint,
  type Capability,
  type Catalog,
  indexCatalog,
  type Model,
  PRICE_KEYS,
  type PriceKey,
  pricesByFact,
  type ResolvedModel,
  resolveProviderModels,
  TOKEN_PRICE_KEYS,
} from '@llm-catalog/catalog';
import { findRisks } from './risks.ts';
import type {
  CapabilityChange,
  ChangeReport,
  ChangeTotals,
  DateChange,
  DateKey,
  LimitChange,
  LimitKey,
  PriceChange,
  ProviderChanges,
} from './types.ts';

export const LIMIT_KEYS: readonly LimitKey[] = ['context_window', 'max_output_tokens', 'max_input_tokens'];
export const DATE_KEYS: readonly DateKey[] = ['deprecation_date', 'shutdown_date'];
const TOKEN_KEYS = new Set<string>(TOKEN_PRICE_KEYS satisfies readonly PriceKey[]);

const sorted = (xs: Iterable<string>) => [...xs].sort(byCodePoint);

/** Every provider's resolved models, keyed by provider id then model id. */
export type ResolvedCatalog = Map<string, Map<string, ResolvedModel>>;

export function resolveAll(catalog: Catalog): ResolvedCatalog {
  const index = indexCatalog(catalog);
  const providerIds = new Set([...catalog.providers.map((p) => p.id), ...index.overrides.keys()]);
  const out: ResolvedCatalog = new Map();
  for (const id of sorted(providerIds)) {
    out.set(id, new Map(resolveProviderModels(index, id).map((m) => [m.id, m])));
  }
  return out;
}

/** Rounded to one decimal so float noise never reaches a report. */
export function percentChange(oldValue: number, newValue: number): number {
  return Math.round(((newValue - oldValue) / oldValue) * 1000) / 10;
}

const tierOf = (key: string) => key.slice(0, key.lastIndexOf('.') + 1);
const priceKeyOf = (key: string) => key.slice(key.lastIndexOf('.') + 1);
/** Flat prices first, then each tier's (`long_context>N.`, `service_tiers.batch.`), each in price-key order. */
const byTierThenKey = (a: string, b: string) =>
  byCodePoint(tierOf(a), tierOf(b)) || PRICE_KEYS.indexOf(priceKeyOf(a) as PriceKey) - PRICE_KEYS.indexOf(priceKeyOf(b) as PriceKey);

/** Every price of both sides (`pricesByFact`): list prices, long-context tiers and service tiers. */
function priceChanges(before: ResolvedModel, after: ResolvedModel): PriceChange[] {
  const a = before.pricing ? pricesByFact(before.pricing) : new Map<string, { amount: number; currency: string }>();
  const b = after.pricing ? pricesByFact(after.pricing) : new Map<string, { amount: number; currency: string }>();
  const out: PriceChange[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort(byTierThenKey)) {
    const old = a.get(key);
    const now = b.get(key);
    if (old?.amount === now?.amount && old?.currency === now?.currency) continue;
    const change: PriceChange = {
      model_id: after.id,
      key,
      unit: TOKEN_KEYS.has(priceKeyOf(key)) ? 'per_million_tokens' : 'per_unit',
    };
    if (old) Object.assign(change, { old: old.amount, old_currency: old.currency });
    if (now) Object.assign(change, { new: now.amount, new_currency: now.currency });
    if (old && now && old.currency === now.currency && old.amount !== 0) change.change_pct = percentChange(old.amount, now.amount);
    out.push(change);
  }
  return out;
}

/** The keys whose values differ between two records, old and new (absent where that side has none). */
function fieldChanges<K extends string, V>(
  modelId: string,
  before: Partial<Record<K, V>>,
  after: Partial<Record<K, V>>,
  keys: readonly K[],
): { model_id: string; key: K; old?: V; new?: V }[] {
  const out: { model_id: string; key: K; old?: V; new?: V }[] = [];
  for (const key of keys) {
    if (before[key] === after[key]) continue;
    const change: { model_id: string; key: K; old?: V; new?: V } = { model_id: modelId, key };
    if (before[key] !== undefined) change.old = before[key];
    if (after[key] !== undefined) change.new = after[key];
    out.push(change);
  }
  return out;
}

const limitChanges = (before: ResolvedModel, after: ResolvedModel): LimitChange[] =>
  fieldChanges<LimitKey, number>(after.id, before, after, LIMIT_KEYS);

/** Deprecation and shutdown dates of the base models on both sides, by model id. */
function dateChanges(before: readonly Model[], after: readonly Model[]): DateChange[] {
  const old = new Map(before.map((m) => [m.id, m]));
  return [...after]
    .sort((x, y) => byCodePoint(x.id, y.id))
    .flatMap((m) => {
      const was = old.get(m.id);
      return was ? fieldChanges<DateKey, string>(m.id, was, m, DATE_KEYS) : [];
    });
}

function capabilityChange(before: ResolvedModel, after: ResolvedModel): CapabilityChange | undefined {
  const a = new Set<Capability>(before.capabilities ?? []);
  const b = new Set<Capability>(after.capabilities ?? []);
  const added = [...b].filter((c) => !a.has(c)).sort(byCodePoint);
  const removed = [...a].filter((c) => !b.has(c)).sort(byCodePoint);
  return added.length || removed.length ? { model_id: after.id, added, removed } : undefined;
}

function providerChanges(
  id: string,
  before: Map<string, ResolvedModel>,
  after: Map<string, ResolvedModel>,
): ProviderChanges {
  const changes: ProviderChanges = {
    id,
    models_before: before.size,
    models_after: after.size,
    added: sorted([...after.keys()].filter((m) => !before.has(m))),
    removed: sorted([...before.keys()].filter((m) => !after.has(m))),
    disabled: [],
    enabled: [],
    prices: [],
    limits: [],
    capabilities: [],
  };
  for (const modelId of sorted(after.keys())) {
    const a = before.get(modelId);
    const b = after.get(modelId);
    if (!a || !b) continue;
    if (Boolean(a.disabled) !== Boolean(b.disabled)) (b.disabled ? changes.disabled : changes.enabled).push(modelId);
    changes.prices.push(...priceChanges(a, b));
    changes.limits.push(...limitChanges(a, b));
    const caps = capabilityChange(a, b);
    if (caps) changes.capabilities.push(caps);
  }
  return changes;
}

const hasChanges = (p: ProviderChanges) =>
  p.added.length + p.removed.length + p.disabled.length + p.enabled.length > 0 ||
  p.prices.length + p.limits.length + p.capabilities.length > 0;

function totalsOf(providers: ProviderChanges[], risks: number): ChangeTotals {
  const sum = (f: (p: ProviderChanges) => number) => providers.reduce((n, p) => n + f(p), 0);
  return {
    providers_changed: providers.length,
    models_added: sum((p) => p.added.length),
    models_removed: sum((p) => p.removed.length),
    price_changes: sum((p) => p.prices.length),
    limit_changes: sum((p) => p.limits.length),
    capability_changes: sum((p) => p.capabilities.length),
    availability_changes: sum((p) => p.disabled.length + p.enabled.length),
    risk_flags: risks,
  };
}

/**
 * Compares two catalogs as their providers serve them: every provider's models are resolved (base
 * model + overrides) on both sides, so moving a price from a base model into an override is no change.
 * Pure and deterministic.
 */
export function buildChangeReport(
  before: Catalog,
  after: Catalog,
  options: { from?: string; to?: string } = {},
): ChangeReport {
  const resolvedBefore = resolveAll(before);
  const resolvedAfter = resolveAll(after);
  const empty = new Map<string, ResolvedModel>();
  const providerIds = sorted(new Set([...resolvedBefore.keys(), ...resolvedAfter.keys()]));
  const providers = providerIds
    .map((id) => providerChanges(id, resolvedBefore.get(id) ?? empty, resolvedAfter.get(id) ?? empty))
    .filter(hasChanges);
  const dates = dateChanges(before.models, after.models);
  const risks = findRisks({ before, after, resolvedBefore, resolvedAfter, providers, dates });
  const idsOf = (xs: { id: string }[]) => new Set(xs.map((x) => x.id));
  const diffIds = (a: Set<string>, b: Set<string>) => ({
    added: sorted([...b].filter((x) => !a.has(x))),
    removed: sorted([...a].filter((x) => !b.has(x))),
  });
  const report: ChangeReport = {
    risks,
    provider_entries: diffIds(idsOf(before.providers), idsOf(after.providers)),
    base_models: { ...diffIds(idsOf(before.models), idsOf(after.models)), dates },
    providers,
    totals: totalsOf(providers, risks.length),
  };
  if (options.from !== undefined) report.from = options.from;
  if (options.to !== undefined) report.to = options.to;
  return report;
}

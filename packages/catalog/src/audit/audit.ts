import type { Catalog } from '../io/read.ts';
import { byCodePoint, type Capability, CapabilitySchema } from '../schema/common.ts';
import { compareOfferingKeys, isManualOverride, offeringKey, type Override } from '../schema/override.ts';
import { pricesByFact } from '../schema/pricing.ts';

/** What kind of fact two sources disagree on. */
export type DisagreementKind = 'price' | 'currency' | 'limit' | 'capabilities';

/** What one source states for the fact. */
export interface Statement {
  source: string;
  as_of?: string;
  /** A price in `currency` per million tokens (or per unit), a token limit, or a capability list. */
  value: number | string | string[];
  currency?: string;
}

/** One fact of one offering that two or more sources state differently. */
export interface Disagreement {
  provider_id: string;
  model_id: string;
  variant?: string;
  kind: DisagreementKind;
  /** `pricing.input`, `pricing.long_context>200000.output`, `context_window`, `capabilities`. */
  fact: string;
  /** Every source that states the fact, in ascending priority (the last one wins). */
  statements: Statement[];
  /** The largest value over the smallest, for prices and limits (Infinity when one is 0). */
  ratio?: number;
  /** A difference that looks like a mistake in units (per token vs per million) or in currency. */
  suspect?: 'unit' | 'currency';
}

/** Prices closer than this (relative to the larger) are the same price, rounded differently. */
export const PRICE_TOLERANCE = 0.01;

/** Ratios that betray a unit mistake: per-thousand or per-token prices read as per-million. */
const UNIT_RATIOS = [1_000, 1_000_000];
/**
 * Units of a currency per US dollar, roughly: a ratio near one of these suggests a price in that
 * currency written as dollars. Only currencies far from the dollar; a euro looks like a discount.
 */
const EXCHANGE_RATES: Readonly<Record<string, number>> = { CNY: 7.2, INR: 84, JPY: 150, KRW: 1_380, RUB: 90 };
/** How close (as a fraction) a ratio must be to a unit factor or an exchange rate to be suspect. */
const SUSPECT_WINDOW = 0.05;

const near = (ratio: number, target: number) => Math.abs(ratio / target - 1) <= SUSPECT_WINDOW;

/** Why a price ratio looks like a mistake, if it does. */
export function suspectOf(ratio: number): Disagreement['suspect'] {
  if (UNIT_RATIOS.some((f) => near(ratio, f))) return 'unit';
  if (Object.values(EXCHANGE_RATES).some((r) => near(ratio, r))) return 'currency';
  return undefined;
}

const ratioOf = (values: readonly number[]) => {
  const max = Math.max(...values);
  const min = Math.min(...values);
  return min === 0 ? (max === 0 ? 1 : Infinity) : max / min;
};

const statement = (o: Override, value: Statement['value'], currency?: string): Statement => ({
  source: o.provenance?.source ?? `priority ${o.priority}`,
  ...(o.provenance?.as_of ? { as_of: o.provenance.as_of } : {}),
  value,
  ...(currency ? { currency } : {}),
});

/** The disagreements among the auto overrides (one per source) of one offering. */
function offeringDisagreements(autos: readonly Override[]): Disagreement[] {
  const [first] = autos;
  if (!first || autos.length < 2) return [];
  const where = {
    provider_id: first.provider_id,
    model_id: first.model_id,
    ...(first.variant ? { variant: first.variant } : {}),
  };
  const out: Disagreement[] = [];

  const prices = new Map<string, { o: Override; amount: number; currency: string }[]>();
  for (const o of autos) {
    if (!o.pricing) continue;
    for (const [name, p] of pricesByFact(o.pricing)) {
      const list = prices.get(`pricing.${name}`) ?? [];
      list.push({ o, ...p });
      prices.set(`pricing.${name}`, list);
    }
  }
  for (const [fact, list] of prices) {
    if (list.length < 2) continue;
    const statements = list.map((s) => statement(s.o, s.amount, s.currency));
    if (new Set(list.map((s) => s.currency)).size > 1) {
      out.push({ ...where, kind: 'currency', fact, statements });
      continue;
    }
    const ratio = ratioOf(list.map((s) => s.amount));
    const max = Math.max(...list.map((s) => s.amount));
    if (max - Math.min(...list.map((s) => s.amount)) <= PRICE_TOLERANCE * max) continue;
    const suspect = suspectOf(ratio);
    out.push({ ...where, kind: 'price', fact, statements, ratio, ...(suspect ? { suspect } : {}) });
  }

  for (const fact of ['context_window', 'max_output_tokens', 'max_input_tokens'] as const) {
    const list = autos.filter((o) => o.limits?.[fact] !== undefined);
    const values = list.map((o) => o.limits?.[fact] as number);
    if (list.length < 2 || new Set(values).size < 2) continue;
    out.push({ ...where, kind: 'limit', fact, statements: list.map((o, i) => statement(o, values[i] as number)), ratio: ratioOf(values) });
  }

  const disputed = disputedCapabilities(autos);
  if (disputed.length > 0) {
    const speaking = autos.filter((o) => disputed.some((c) => capabilityWord(o, c) !== undefined));
    const has = (o: Override) => disputed.filter((c) => capabilityWord(o, c) === true);
    out.push({ ...where, kind: 'capabilities', fact: 'capabilities', statements: speaking.map((o) => statement(o, has(o))) });
  }
  return out;
}

/** What an override says of one capability: has it, lacks it (a removal, or a forced list without it), or nothing. */
function capabilityWord(o: Override, c: Capability): boolean | undefined {
  const caps = o.capabilities;
  if (caps?.force) return caps.force.includes(c);
  if (caps?.add?.includes(c)) return true;
  return caps?.remove?.includes(c) ? false : undefined;
}

/** Capabilities one source says the offering has and another says it lacks, in the schema's order. */
function disputedCapabilities(autos: readonly Override[]): Capability[] {
  return CapabilitySchema.options.filter((c) => {
    const words = new Set(autos.map((o) => capabilityWord(o, c)));
    return words.has(true) && words.has(false);
  });
}

const KIND_RANK: Record<DisagreementKind, number> = { currency: 0, price: 1, limit: 2, capabilities: 3 };

/**
 * Orders disagreements by impact: suspected mistakes first, then currency, price, limit and
 * capability disagreements, each by how far apart the values are, then by offering and fact.
 */
export function compareDisagreements(a: Disagreement, b: Disagreement): number {
  return (
    Number(b.suspect !== undefined) - Number(a.suspect !== undefined) ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    (b.ratio ?? 0) - (a.ratio ?? 0) ||
    (offeringKey(a) < offeringKey(b) ? -1 : offeringKey(a) > offeringKey(b) ? 1 : 0) ||
    byCodePoint(a.fact, b.fact)
  );
}

/**
 * The disagreements among `overrides` (of any offerings), most impact first: each source's statement
 * is its auto override (its band); a person's manual override is a decision, not a statement, and is
 * left out.
 */
export function auditOverrides(overrides: Iterable<Override>): Disagreement[] {
  const out: Disagreement[] = [];
  for (const list of offeringsStatedTwice([...overrides].filter((o) => !isManualOverride(o)))) {
    out.push(...offeringDisagreements(list.sort((a, b) => a.priority - b.priority)));
  }
  return out.sort(compareDisagreements);
}

/**
 * The overrides of each offering that has more than one. A catalog's list is in offering order, so
 * an offering's overrides are neighbours and are found without a key per override (a sync audits
 * every offering of the providers it updated); any other order is grouped by key.
 */
function offeringsStatedTwice(overrides: readonly Override[]): Override[][] {
  const inOrder = overrides.every((o, i) => i === 0 || compareOfferingKeys(overrides[i - 1] as Override, o) <= 0);
  if (!inOrder) {
    const byOffering = new Map<string, Override[]>();
    for (const o of overrides) {
      const key = offeringKey(o);
      const list = byOffering.get(key);
      if (list) list.push(o);
      else byOffering.set(key, [o]);
    }
    return [...byOffering.values()].filter((list) => list.length > 1);
  }
  const groups: Override[][] = [];
  for (let start = 0; start < overrides.length; ) {
    let end = start + 1;
    while (end < overrides.length && compareOfferingKeys(overrides[start] as Override, overrides[end] as Override) === 0) end++;
    if (end - start > 1) groups.push(overrides.slice(start, end));
    start = end;
  }
  return groups;
}

/**
 * Every fact that two or more sources state differently for the same offering: prices beyond
 * `PRICE_TOLERANCE`, a price in two currencies, limits, capability lists (see `auditOverrides`).
 * Nothing is averaged: the catalog resolves to the highest band, and this lists the rest.
 * `providers` limits the audit to those providers' offerings.
 */
export function auditCatalog(catalog: Catalog, options: { providers?: ReadonlySet<string> } = {}): Disagreement[] {
  const { providers } = options;
  return auditOverrides(providers ? catalog.overrides.filter((o) => providers.has(o.provider_id)) : catalog.overrides);
}

/** A disagreement's identity and values: the same text means the same disagreement. */
export const disagreementKey = (d: Disagreement): string =>
  JSON.stringify([d.provider_id, d.model_id, d.variant ?? '', d.fact, d.statements.map((s) => [s.source, s.value, s.currency])]);

/** The disagreements of `after` that `before` did not have (new, or with other values), in impact order. */
export function newDisagreements(before: readonly Disagreement[], after: readonly Disagreement[]): Disagreement[] {
  const known = new Set(before.map(disagreementKey));
  return after.filter((d) => !known.has(disagreementKey(d)));
}

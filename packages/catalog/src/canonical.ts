import { roundPrice } from './price.ts';
import { byCodePoint } from './schema/common.ts';
import type { Link } from './schema/link.ts';
import { type Model, ModelSchema } from './schema/model.ts';
import { type Pricing, PRICE_KEYS } from './schema/pricing.ts';
import { compareOfferingKeys, type Override } from './schema/override.ts';
import type { Provider } from './schema/provider.ts';

/** Keys that lead an object, in this order; every other key follows alphabetically. */
const LEADING_KEYS = [
  '$schema',
  'version',
  'id',
  'provider_id',
  'spelling',
  'model_id',
  'variant',
  'provider_model_id',
  'priority',
  'name',
  'relation',
];
const RANK = new Map(LEADING_KEYS.map((k, i) => [k, i]));
const rank = (k: string) => RANK.get(k) ?? LEADING_KEYS.length;

/** Arrays that are sets: their order carries no meaning, so they are written sorted. */
const SET_KEYS = new Set([
  'capabilities',
  'input_modalities',
  'output_modalities',
  'aliases',
  'supported_endpoints',
  'tags',
  'add',
  'remove',
  'force',
  'effort_levels',
]);
const PRICE_NUMBER_KEYS = new Set(['per_million_tokens', 'price']);

/** The order `stableJson` writes an object's keys in. */
export const compareKeys = (a: string, b: string) => rank(a) - rank(b) || byCodePoint(a, b);

const isPlainObject = (value: object) => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

const inKeyOrder = (keys: readonly string[]) => {
  for (let i = 1; i < keys.length; i++) if (compareKeys(keys[i - 1] as string, keys[i] as string) >= 0) return false;
  return true;
};

/**
 * A copy whose object keys are inserted in canonical order, so that native `JSON.stringify` writes
 * them in that order. With `canonical`, also drops undefined keys, sorts set-arrays and rounds prices.
 */
function orderedCopy(value: unknown, key: string | undefined, canonical: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => orderedCopy(v, undefined, canonical));
    if (canonical && key && SET_KEYS.has(key) && items.every((v) => typeof v === 'string')) {
      return (items as string[]).sort();
    }
    return items;
  }
  if (value && typeof value === 'object') {
    const entries: [string, unknown][] = [];
    const keys = Object.keys(value);
    for (const k of inKeyOrder(keys) ? keys : keys.sort(compareKeys)) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      entries.push([k, orderedCopy(v, k, canonical)]);
    }
    // Defined, not assigned: assigning a key named `__proto__` would set the prototype and lose the key.
    return Object.fromEntries(entries);
  }
  if (canonical && typeof value === 'number' && key && PRICE_NUMBER_KEYS.has(key)) return roundPrice(value);
  return value;
}

/**
 * Whether `orderedCopy(value, key, true)` would give an equal value: plain objects whose keys are in
 * canonical order with none undefined, sorted set-arrays, rounded prices. An entry read from a
 * canonical file, or kept unchanged by a merge, is one; checking costs no allocation, where copying
 * a large catalog's entries costs most of a write.
 */
function isCanonical(value: unknown, key: string | undefined): boolean {
  if (Array.isArray(value)) {
    for (const v of value) if (!isCanonical(v, undefined)) return false;
    if (!key || !SET_KEYS.has(key) || !value.every((v) => typeof v === 'string')) return true;
    for (let i = 1; i < value.length; i++) if ((value[i - 1] as string) > (value[i] as string)) return false;
    return true;
  }
  if (value && typeof value === 'object') {
    if (!isPlainObject(value)) return false;
    // for-in, not Object.keys: no array per object (V8 reads the keys from the shape's cache), and
    // this walks every entry a large sync writes. A plain object has no enumerable inherited keys.
    let previous: string | undefined;
    for (const k in value) {
      if (previous !== undefined && compareKeys(previous, k) >= 0) return false;
      previous = k;
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined || !isCanonical(v, k)) return false;
    }
    return true;
  }
  if (typeof value === 'number' && key && PRICE_NUMBER_KEYS.has(key)) return roundPrice(value) === value;
  return true;
}

/**
 * What `orderedCopy(value, undefined, false)` gives, for `JSON.stringify` to write: a subtree already in
 * key order (most of one built from canonical files) is the value itself, and only the rest is copied.
 */
function keyOrdered(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      const ordered = keyOrdered(item);
      if (ordered !== item) (out ??= value.slice())[i] = ordered;
    }
    return out ?? value;
  }
  if (!value || typeof value !== 'object') return value;
  if (!isPlainObject(value)) return orderedCopy(value, undefined, false);
  // Values in one call, and no call for a string or a number: a built catalog has tens of thousands
  // of objects to walk, nearly all already in order, and this walk was most of its serialization.
  const values = Object.values(value);
  let changed = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || typeof v !== 'object') continue;
    const ordered = keyOrdered(v);
    if (ordered === v) continue;
    values[i] = ordered;
    changed = true;
  }
  const keys = Object.keys(value);
  if (!changed && inKeyOrder(keys)) return value;
  const entries = keys.map((k, i): [string, unknown] => [k, values[i]]).filter(([, v]) => v !== undefined);
  // Defined, not assigned: see orderedCopy.
  return Object.fromEntries(entries.sort(([a], [b]) => compareKeys(a, b)));
}

/**
 * A value in canonical form (keys in the files' order, set-lists sorted, prices rounded, no undefined
 * keys): the value itself when it already is, else a copy.
 */
export const canonicalValue = <T,>(value: T): T => (isCanonical(value, undefined) ? value : (orderedCopy(value, undefined, true) as T));


const FLAT_PRICE_KEYS = PRICE_KEYS.filter((k) => !RANK.has(k)).sort(byCodePoint);

/**
 * `canonicalValue` of a pricing, built directly when it holds flat prices only (no long-context or
 * service-tier prices): a large sync makes one per offering, and the general copy is several times
 * slower.
 */
export function canonicalPricing(pricing: Pricing): Pricing {
  if (pricing.long_context !== undefined || pricing.service_tiers !== undefined) return canonicalValue(pricing);
  const out: Pricing = {};
  for (const key of FLAT_PRICE_KEYS) {
    const p = pricing[key];
    if (p === undefined) continue;
    (out as Record<string, unknown>)[key] =
      'price' in p ? { currency: p.currency, price: roundPrice(p.price) } : { currency: p.currency, per_million_tokens: roundPrice(p.per_million_tokens) };
  }
  return out;
}

export const compareProviders = (a: Provider, b: Provider) => byCodePoint(a.id, b.id);
export const compareModels = (a: Model, b: Model) => byCodePoint(a.id, b.id);
export const compareOverrides = (a: Override, b: Override) => compareOfferingKeys(a, b) || a.priority - b.priority;

export const compareLinks = (a: Link, b: Link) =>
  byCodePoint(a.spelling.toLowerCase(), b.spelling.toLowerCase()) ||
  byCodePoint(a.model_id, b.model_id) ||
  byCodePoint(a.relation, b.relation) ||
  byCodePoint(a.spelling, b.spelling);

/** Sorted copies with set-arrays sorted, prices rounded and undefined keys dropped. */
export function canonicalProviders(list: readonly Provider[]): Provider[] {
  return [...list].sort(compareProviders).map((p) => canonicalValue(p));
}
export function canonicalModels(list: readonly Model[]): Model[] {
  return [...list].sort(compareModels).map((m) => canonicalModel(m));
}

const MODEL_KEYS_IN_ORDER = Object.keys(ModelSchema.shape).sort(compareKeys);
const MODEL_KEYS: ReadonlySet<string> = new Set(MODEL_KEYS_IN_ORDER);

/**
 * `canonicalValue` of a model, built key by key in the files' order (its keys are known), where the
 * general copy sorts every object's keys: a sync makes one for every model it adds or refreshes.
 * `fresh` skips checking whether the model is canonical already.
 */
export function canonicalModel(model: Model, fresh = false): Model {
  // A model just assembled from parts (`fresh`) is never canonical as a whole: no walk to find out.
  if (!fresh && isCanonical(model, undefined)) return model;
  for (const key in model) if (!MODEL_KEYS.has(key)) return canonicalValue(model);
  const out: Record<string, unknown> = {};
  for (const key of MODEL_KEYS_IN_ORDER) {
    const value = (model as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (key === 'pricing') out[key] = canonicalPricing(value as Pricing);
    else if (SET_KEYS.has(key) && Array.isArray(value) && value.every((v) => typeof v === 'string')) out[key] = [...(value as string[])].sort();
    else out[key] = canonicalValue(value);
  }
  return out as Model;
}
export function canonicalOverrides(list: readonly Override[]): Override[] {
  return [...list].sort(compareOverrides).map((o) => canonicalValue(o));
}

/**
 * Deterministic JSON: leading keys first, the rest alphabetical, 2-space indent, trailing newline.
 * Native JSON.stringify does the writing (it keeps insertion order), which is several times faster
 * than a comparator-driven stringifier on a catalog of tens of thousands of entries.
 */
export function stableJson(value: unknown): string {
  const text = JSON.stringify(keyOrdered(value), null, 2);
  if (text === undefined) throw new TypeError('value cannot be serialized to JSON');
  return `${text}\n`;
}
export function canonicalLinks(list: readonly Link[]): Link[] {
  return [...list].sort(compareLinks).map((l) => canonicalValue(l));
}

import stringify from 'json-stable-stringify';
import { roundPrice } from './price.ts';
import type { Model } from './schema/model.ts';
import type { Override } from './schema/override.ts';
import type { Provider } from './schema/provider.ts';

/** Keys that lead an object, in this order; every other key follows alphabetically. */
const LEADING_KEYS = [
  '$schema',
  'version',
  'id',
  'provider_id',
  'model_id',
  'provider_model_id',
  'priority',
  'name',
];
const rank = (k: string) => {
  const i = LEADING_KEYS.indexOf(k);
  return i === -1 ? LEADING_KEYS.length : i;
};

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

function canonicalValue(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalValue(v, undefined));
    if (key && SET_KEYS.has(key) && items.every((v) => typeof v === 'string')) {
      return [...(items as string[])].sort();
    }
    return items;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = canonicalValue(v, k);
    }
    return out;
  }
  if (typeof value === 'number' && key && PRICE_NUMBER_KEYS.has(key)) return roundPrice(value);
  return value;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const compareProviders = (a: Provider, b: Provider) => byString(a.id, b.id);
export const compareModels = (a: Model, b: Model) => byString(a.id, b.id);
export const compareOverrides = (a: Override, b: Override) =>
  byString(a.provider_id, b.provider_id) || byString(a.model_id, b.model_id) || a.priority - b.priority;

/** Sorted copies with set-arrays sorted, prices rounded and undefined keys dropped. */
export function canonicalProviders(list: readonly Provider[]): Provider[] {
  return [...list].sort(compareProviders).map((p) => canonicalValue(p, undefined) as Provider);
}
export function canonicalModels(list: readonly Model[]): Model[] {
  return [...list].sort(compareModels).map((m) => canonicalValue(m, undefined) as Model);
}
export function canonicalOverrides(list: readonly Override[]): Override[] {
  return [...list].sort(compareOverrides).map((o) => canonicalValue(o, undefined) as Override);
}

/** Deterministic JSON: leading keys first, the rest alphabetical, 2-space indent, trailing newline. */
export function stableJson(value: unknown): string {
  const text = stringify(value, {
    space: 2,
    cmp: (a, b) => rank(a.key) - rank(b.key) || byString(a.key, b.key),
  });
  if (text === undefined) throw new TypeError('value cannot be serialized to JSON');
  // json-stable-stringify spreads an empty array or object over two lines; write `[]` and `{}` as
  // JSON.stringify and people do. A newline is only ever layout here: inside strings it is escaped.
  return `${text.replace(/([[{])\n *([\]}])/g, '$1$2')}\n`;
}

import { roundPrice } from '@llm-catalog/catalog';

/**
 * A form of a value in which equal facts are identical: object keys ordered, lists of strings
 * (capabilities, modalities) compared as sets, numbers rounded as prices are (token limits are
 * integers far below 10 significant digits, so rounding cannot merge two of them), absent keys dropped.
 */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(comparable);
    return items.every((v) => typeof v === 'string') ? [...(items as string[])].sort() : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = comparable(v);
    }
    return out;
  }
  return typeof value === 'number' ? roundPrice(value) : value;
}

/** The comparison text of a value: equal facts give equal keys. */
export const comparisonKey = (value: unknown): string => JSON.stringify(comparable(value)) ?? 'undefined';

const allStrings = (list: readonly unknown[]) => list.every((v) => typeof v === 'string');

/** Two lists of strings as sets (as `comparable` sorts them): equal in order is the common case, and needs no copy. */
function sameStringLists(a: readonly string[], b: readonly string[]): boolean {
  if (a.every((v, i) => v === b[i])) return true;
  const sortedB = [...b].sort();
  return [...a].sort().every((v, i) => v === sortedB[i]);
}

function sameObjects(a: Record<string, unknown>, b: Record<string, unknown>, ignored?: string): boolean {
  let defined = 0;
  for (const key of Object.keys(a)) {
    const v = a[key];
    if (v === undefined || key === ignored) continue;
    defined++;
    if (!Object.hasOwn(b, key) || !sameValue(v, b[key])) return false;
  }
  for (const key of Object.keys(b)) if (b[key] !== undefined && key !== ignored) defined--;
  return defined === 0;
}

/** `sameValue` of two records without one of their keys (an override's provenance: when, not what). */
export const sameValueExcept = <T extends object>(a: T, b: T, ignored: keyof T & string): boolean =>
  sameObjects(a as Record<string, unknown>, b as Record<string, unknown>, ignored);

/**
 * Whether two facts are equal as the catalog means it (sets as sets, prices after rounding): what
 * comparing their `comparisonKey`s says, without building them. The merge asks this for every fact
 * of every offering, and the texts were most of a large merge's garbage.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return roundPrice(a) === roundPrice(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    if (allStrings(a) && allStrings(b)) return sameStringLists(a as string[], b as string[]);
    return a.every((v, i) => sameValue(v, b[i]));
  }
  return sameObjects(a as Record<string, unknown>, b as Record<string, unknown>);
}

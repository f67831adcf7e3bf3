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

/** Whether two facts are equal as the catalog means it (sets as sets, prices after rounding). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Two scalars, or a scalar and an object, compare without building their comparison texts: the
  // merge asks this for every fact of every offering.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && roundPrice(a) === roundPrice(b);
  }
  return comparisonKey(a) === comparisonKey(b);
}

import { z } from 'zod';

/**
 * Lenient building blocks for the raw-entry schemas of every format. Real bodies send null for
 * unknown, numbers as strings and lists as comma-separated strings; those are accepted. A value of
 * the wrong kind altogether (an object where a number belongs) fails the entry, which is then
 * skipped with a warning.
 */

/** An id exactly as the provider sent it (it is what the provider must be called with). */
export const rawId = z
  .string({ error: (issue) => (issue.input === undefined || issue.input === null ? 'missing' : 'not a string') })
  .refine((s) => s.trim() !== '', 'blank');

/** Free text; null means unknown. */
export const rawText = z.string().nullish();

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** A number, also when sent as a numeric string ("128000"). */
export const rawNumber = z
  .union([z.number(), z.string().trim().regex(DECIMAL, 'expected a number').transform(Number)])
  .nullish();

export const rawFlag = z.boolean().nullish();

/** Splits "text, image" and ["text", " image "] alike into trimmed, non-blank items. */
export function splitList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  // Nearly every list a provider sends is already clean: it is taken as it is, not copied twice.
  if (typeof value !== 'string' && value.every((s) => s !== '' && s.trim() === s)) return value as string[];
  const items = typeof value === 'string' ? value.split(',') : value;
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/** A list sent as an array of strings or as one comma-separated string. */
export const rawList = z
  .union([z.array(z.string()), z.string()])
  .nullish()
  .transform((v) => splitList(v));

/** A string field of an entry that has not been parsed yet (for naming it in a warning). */
export function stringField(entry: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = entry[key];
    if (typeof v === 'string' && v.trim() !== '') return v;
  }
  return undefined;
}

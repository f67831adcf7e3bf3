import { escapeControlCharacters } from '@llm-catalog/catalog';
import { entriesOf, isRecord, type TransformWarning } from '@llm-catalog/transformers';
import { redactSecrets } from './redact.ts';

/**
 * Keys shorter than this are not looked for inside list bodies: they would match ordinary text.
 * Every real API key is far longer.
 */
export const MIN_SCREENED_KEY_CHARS = 8;

export const KEY_IN_ENTRY_MESSAGE = 'skipped: a value in this entry holds an API key this run uses; not written';

/** A list body with the entries that hold a key taken out, ready for the transformer. */
export interface ScreenedBody {
  body: unknown;
  /** Positions (in the body as received) of the entries taken out. */
  refused: number[];
  /** For each entry the transformer sees, its position in the body as received. */
  positions?: number[];
}

function holdsKey(value: unknown, keys: readonly string[]): boolean {
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    return keys.some((k) => lower.includes(k));
  }
  if (Array.isArray(value)) return value.some((v) => holdsKey(v, keys));
  if (isRecord(value)) return Object.entries(value).some(([k, v]) => holdsKey(k, keys) || holdsKey(v, keys));
  return false;
}

function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactSecrets(k, secrets), redactDeep(v, secrets)]));
  }
  return value;
}

/**
 * Takes out of a list body every entry in which some text equals or contains one of the run's keys
 * (any letter case), so no key can become an id, a price, a warning or a line of a data file; the
 * rest of the body is redacted, so an error message built from it (cut short, or lowercased) cannot
 * carry a key either. A body whose key-holding parts are not entries of a list is redacted whole.
 */
export function screenBody(body: unknown, secrets: readonly string[]): ScreenedBody {
  const keys = secrets.filter((s) => s.length >= MIN_SCREENED_KEY_CHARS).map((s) => s.toLowerCase());
  if (keys.length === 0 || !holdsKey(body, keys)) return { body, refused: [] };
  let entries: unknown[];
  try {
    entries = entriesOf(body);
  } catch {
    return { body: redactDeep(body, keys), refused: [] };
  }
  const refused: number[] = [];
  const positions: number[] = [];
  entries.forEach((entry, i) => (holdsKey(entry, keys) ? refused : positions).push(i));
  const kept = positions.map((i) => entries[i]);
  if (Array.isArray(body)) return { body: kept, refused, positions };
  const record = body as Record<string, unknown>;
  const listKey = Object.keys(record).find((k) => record[k] === entries);
  const rest = redactDeep(Object.fromEntries(Object.entries(record).filter(([k]) => k !== listKey)), keys);
  return { body: { ...(rest as Record<string, unknown>), ...(listKey ? { [listKey]: kept } : {}) }, refused, positions };
}

/**
 * The transformer's warnings about a screened body, with positions of the body as received, one
 * warning per entry taken out, and every text redacted and escaped for printing.
 */
export function screenedWarnings(
  screened: ScreenedBody,
  warnings: readonly TransformWarning[],
  secrets: readonly string[],
): TransformWarning[] {
  const safe = (text: string) => escapeControlCharacters(redactSecrets(text, secrets));
  const moved = warnings.map((w) => ({ ...w, index: screened.positions?.[w.index] ?? w.index }));
  const refused = screened.refused.map((index): TransformWarning => ({ index, message: KEY_IN_ENTRY_MESSAGE, skipped: true }));
  return [...moved, ...refused]
    .sort((a, b) => a.index - b.index)
    .map((w) => ({ ...w, message: safe(w.message), ...(w.id === undefined ? {} : { id: safe(w.id) }) }));
}

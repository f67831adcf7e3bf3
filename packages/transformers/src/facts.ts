import type { Capability, Modality } from '@llm-catalog/catalog';

/**
 * Conversions from what sources send to catalog facts. Each returns undefined for a value that
 * says nothing, because omitted means unknown: no 0, "", [] or default ever stands in for it.
 */

export function text(value: string | null | undefined): string | undefined {
  const t = value?.trim();
  return t ? t : undefined;
}

/** A token limit is a positive whole number; 0 is a placeholder some sources send for "unknown". */
export function tokenLimit(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The first positive limit among fields that mean the same thing in different providers' bodies. */
export function firstTokenLimit(...values: (number | null | undefined)[]): number | undefined {
  for (const v of values) {
    const limit = tokenLimit(v);
    if (limit !== undefined) return limit;
  }
  return undefined;
}

const DATE_PREFIX = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|[T ])/;

/**
 * "2025-05-22", "2025-05" or an ISO date-time -> YYYY-MM-DD / YYYY-MM. The Unix epoch is what some
 * APIs (Anthropic) send when they do not know the date, so it is not a date.
 */
export function dateFromText(value: string | null | undefined): string | undefined {
  const m = DATE_PREFIX.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [, year, month, day] = m;
  if (Number(month) < 1 || Number(month) > 12) return undefined;
  if (day === undefined) return `${year}-${month}`;
  const date = `${year}-${month}-${day}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) return undefined;
  return date === '1970-01-01' ? undefined : date;
}

/** Unix seconds -> YYYY-MM-DD (UTC). 0 is a placeholder, not 1970. */
export function dateFromUnixSeconds(value: number | null | undefined): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  const date = new Date(value * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

/** A date sent either as text or as Unix seconds. */
export function dateFromAny(value: string | number | null | undefined): string | undefined {
  return typeof value === 'number' ? dateFromUnixSeconds(value) : dateFromText(value);
}

const MODALITY_WORDS: Record<string, Modality> = {
  text: 'TEXT',
  image: 'IMAGE',
  images: 'IMAGE',
  audio: 'AUDIO',
  speech: 'AUDIO',
  video: 'VIDEO',
  file: 'FILE',
  pdf: 'FILE',
  document: 'FILE',
  embedding: 'EMBEDDING',
  embeddings: 'EMBEDDING',
  // Groq lists speech-to-text output as "transcription", LiteLLM a coding model's output as "code":
  // the output itself is text.
  transcription: 'TEXT',
  code: 'TEXT',
};

/**
 * Maps a source's modality words to the catalog's, sorted. A word the catalog has no modality for is
 * left out with a warning rather than guessed.
 */
export function modalitiesOf(
  words: readonly string[],
  field: string,
  warn: (message: string) => void,
): Modality[] | undefined {
  if (words.length === 0) return undefined;
  // A few words at most: a list, not a set (this runs for every entry of every list).
  const out: Modality[] = [];
  for (const word of words) {
    const key = word.trim().toLowerCase();
    const modality = Object.hasOwn(MODALITY_WORDS, key) ? MODALITY_WORDS[key] : undefined;
    if (!modality) warn(`${field}: unknown modality "${word}" left out`);
    else if (!out.includes(modality)) out.push(modality);
  }
  return out.length > 0 ? out.sort() : undefined;
}

/** The capabilities `capabilitiesFromModalities` can derive: a format stating every entry's modalities speaks about them. */
export const MODALITY_CAPABILITIES = [
  'IMAGE_RECOGNITION',
  'AUDIO_RECOGNITION',
  'VIDEO_RECOGNITION',
  'FILE_INPUT',
  'IMAGE_GENERATION',
  'AUDIO_GENERATION',
  'VIDEO_GENERATION',
] as const satisfies readonly Capability[];

/** Recognition and generation capabilities that a model's modalities imply. */
export function capabilitiesFromModalities(
  input: readonly Modality[] | undefined,
  output: readonly Modality[] | undefined,
): Capability[] {
  const caps: Capability[] = [];
  const has = (list: readonly Modality[] | undefined, m: Modality) => list?.includes(m) ?? false;
  if (has(input, 'IMAGE')) caps.push('IMAGE_RECOGNITION');
  if (has(input, 'AUDIO')) caps.push('AUDIO_RECOGNITION');
  if (has(input, 'VIDEO')) caps.push('VIDEO_RECOGNITION');
  if (has(input, 'FILE')) caps.push('FILE_INPUT');
  if (has(output, 'IMAGE')) caps.push('IMAGE_GENERATION');
  if (has(output, 'AUDIO')) caps.push('AUDIO_GENERATION');
  if (has(output, 'VIDEO')) caps.push('VIDEO_GENERATION');
  if (has(output, 'EMBEDDING')) caps.push('EMBEDDING');
  return caps;
}

/**
 * A sorted capability list, or undefined when there is none. A list can only say "has", so an
 * empty one would claim the model has no capability at all, which no source's flags establish.
 */
export function capabilityList(caps: Iterable<Capability>): Capability[] | undefined {
  const set = new Set(caps);
  return set.size > 0 ? [...set].sort() : undefined;
}

/** Merges modality lists, sorted; undefined when all are unknown. */
export function mergeModalities(...lists: (readonly Modality[] | undefined)[]): Modality[] | undefined {
  // Every entry of every list passes here, with lists of a few modalities: no set is made.
  let merged: Modality[] | undefined;
  for (const list of lists) {
    if (!list) continue;
    for (const m of list) if (!(merged ??= []).includes(m)) merged.push(m);
  }
  return merged && merged.length > 0 ? merged.sort() : undefined;
}

/** The fields that have a value, or undefined when none has (for `metadata` blocks). */
export function definedFields<T extends Record<string, unknown>>(fields: T): Partial<T> | undefined {
  const kept = Object.entries(fields).filter(([, v]) => v !== undefined);
  return kept.length > 0 ? (Object.fromEntries(kept) as Partial<T>) : undefined;
}

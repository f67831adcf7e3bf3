/**
 * One model must not appear under two ids because two providers spell it differently, so every
 * transformer and the merge derive base ids with this one function. The exact provider spelling is
 * not lost: callers keep it as `provider_model_id`.
 */
export interface NormalizedModelId {
  /** The base id: lowercase, no provider or vendor prefix, no offering suffix. */
  id: string;
  /** The namespace segment in front of the base id (`anthropic` in `anthropic/claude-sonnet-4.5`). */
  vendor?: string;
  /** An OpenRouter-style offering of the same model (`free` in `...:free`). */
  variant?: string;
}

/**
 * Suffixes that name a way of serving a model (price tier, routing, reasoning mode), not a
 * different model. Ollama's size and quantization tags (`qwen2.5:7b`) are not in this list: those
 * are different weights.
 */
export const MODEL_VARIANT_SUFFIXES = [
  'free',
  'thinking',
  'extended',
  'nitro',
  'floor',
  'online',
  'beta',
  'exacto',
] as const;

const VARIANT_SUFFIX = new RegExp(`:(${MODEL_VARIANT_SUFFIXES.join('|')})$`);

// Path prefixes that say where a model lives on the provider, not who made it.
const LOCATION_PREFIXES = [/^models\//, /^accounts\/[^/]+\/models\//];

// OpenRouter marks its alias ids with `~` (`~anthropic/claude-sonnet-latest`); the mark is not part of
// the vendor's name.
const VENDOR_MARKS = /^[~@]+/;

export function normalizeModelId(raw: string): NormalizedModelId {
  let s = raw.trim().toLowerCase().replace(/\s+/g, '-');
  for (const prefix of LOCATION_PREFIXES) s = s.replace(prefix, '');
  const segments = s.split('/').filter((seg) => seg !== '');
  let id = segments.at(-1) ?? '';
  const vendor = segments.length > 1 ? segments.at(-2)?.replace(VENDOR_MARKS, '') : undefined;

  let variant: string | undefined;
  const suffix = VARIANT_SUFFIX.exec(id);
  if (suffix) {
    variant = suffix[1];
    id = id.slice(0, suffix.index);
  } else if (id.endsWith(':latest')) {
    id = id.slice(0, -':latest'.length);
  }
  return {
    id,
    ...(vendor ? { vendor } : {}),
    ...(variant ? { variant } : {}),
  };
}

/**
 * Ids that differ only in the separators between their parts (`claude-3.5-haiku-20241022` at one
 * provider, `claude-3-5-haiku-20241022` at another) name one model; this key compares them. It is a
 * key for matching only: a base id keeps the spelling it was created with.
 */
export function spellingKey(id: string): string {
  return id.toLowerCase().replace(/[._]/g, '-');
}

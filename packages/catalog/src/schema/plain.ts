/**
 * Hand-written checks of the common, plain shape of a model and an override, for the places that
 * check tens of thousands of entries a run built itself (a transformer's output, a merge's result).
 * Zod spends several microseconds on one entry; these spend a fraction of one.
 *
 * They answer one way only: `true` means the schema accepts the value and gives it back deep-equal
 * (a top-level key holding undefined aside, which counts as absent), so the caller may take the value
 * as it is; `false` means "ask the schema", which then gives the
 * verdict and its messages. Anything uncommon (long-context or service-tier prices, reasoning and
 * parameter overrides, provenance records, prototypes other than Object's) answers `false`.
 * A property test holds every `true` to the schema's own verdict.
 */
import { CapabilitySchema, ModalitySchema } from './common.ts';
import type { FileKind } from './files.ts';
import { ModelMetadataSchema, ModelSchema, ModelStatusSchema } from './model.ts';
import { PricingSchema } from './pricing.ts';

type Check = (value: unknown) => boolean;

const CAPABILITIES: ReadonlySet<unknown> = new Set(CapabilitySchema.options);
const MODALITIES: ReadonlySet<unknown> = new Set(ModalitySchema.options);
const STATUSES: ReadonlySet<unknown> = new Set(ModelStatusSchema.options);

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const PROVIDER_ID = /^[a-z0-9][a-z0-9-]*$/;
const VARIANT = /^[a-z0-9][a-z0-9._-]*$/;
// What a model id must not hold: whitespace, control characters, lone surrogates (ModelIdSchema).
const NOT_IN_MODEL_ID = /[\s\p{Cc}\p{Cs}]/u;
// What a provider's spelling must not hold: control characters, lone surrogates (ProviderModelIdSchema).
const NOT_IN_SPELLING = /[\p{Cc}\p{Cs}]/u;

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, '__proto__');
}

const isText: Check = (v) => typeof v === 'string' && v.length > 0;
const isModelId: Check = (v) => typeof v === 'string' && v.length > 0 && !NOT_IN_MODEL_ID.test(v) && v === v.toLowerCase();
const isSpelling: Check = (v) => typeof v === 'string' && v.length > 0 && !NOT_IN_SPELLING.test(v);
const isDate: Check = (v) => typeof v === 'string' && DATE.test(v);
const isTokenLimit: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const isPriceAmount: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isBoolean: Check = (v) => typeof v === 'boolean';

/** A list of distinct members of `allowed`, of at least `min` items. */
function setOf(allowed: ReadonlySet<unknown> | Check, min: number): Check {
  const member: Check = typeof allowed === 'function' ? allowed : (v) => allowed.has(v);
  return (v) => {
    if (!Array.isArray(v) || v.length < min) return false;
    for (let i = 0; i < v.length; i++) {
      if (!member(v[i])) return false;
      for (let j = 0; j < i; j++) if (v[j] === v[i]) return false;
    }
    return true;
  };
}

/**
 * A strict object: every key known, every value passing its check, at least `min` keys. A key
 * holding undefined is left to the schema (which keeps it in its output), except at an entry's top
 * level (`undefinedIsAbsent`), where it counts as absent, as in the files.
 */
function strictRecord(fields: Readonly<Record<string, Check>>, min = 0, undefinedIsAbsent = false): Check {
  return (v) => {
    if (!isPlainRecord(v)) return false;
    let count = 0;
    for (const key in v) {
      const value = v[key];
      if (value === undefined && undefinedIsAbsent) continue;
      const check = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (check === undefined || !check(value)) return false;
      count++;
    }
    return count >= min;
  };
}

const tokenPrice = strictRecord({ per_million_tokens: isPriceAmount, currency: (v) => typeof v === 'string' && CURRENCY.test(v) }, 2);
const unitPrice = strictRecord({ price: isPriceAmount, currency: (v) => typeof v === 'string' && CURRENCY.test(v) }, 2);

/** Flat prices only: long-context and service-tier prices carry rules of their own, left to the schema. */
const isPlainPricing = strictRecord(
  {
    input: tokenPrice,
    output: tokenPrice,
    cache_read: tokenPrice,
    cache_write: tokenPrice,
    reasoning: tokenPrice,
    input_audio: tokenPrice,
    output_audio: tokenPrice,
    per_image: unitPrice,
    per_request: unitPrice,
    per_web_search: unitPrice,
  },
  1,
);

const isProvenance = strictRecord({ source: isText, as_of: isDate }, 1);
const isStatedProvenance: Check = (v) => isProvenance(v) && (v as { source?: unknown }).source !== undefined;

function isProvenanceRecord(v: unknown): boolean {
  if (!isPlainRecord(v)) return false;
  for (const key in v) if (!isStatedProvenance(v[key])) return false;
  return true;
}

/** Metadata: its known keys typed, any other key as the loose schema takes it. */
function isPlainModelMetadata(v: unknown): boolean {
  if (!isPlainRecord(v)) return false;
  if (v.provenance !== undefined && !isProvenanceRecord(v.provenance)) return false;
  if (v.source !== undefined && typeof v.source !== 'string') return false;
  if (v.canonical_slug !== undefined && typeof v.canonical_slug !== 'string') return false;
  return v.dynamic_pricing === undefined || typeof v.dynamic_pricing === 'boolean';
}

const MODEL_FIELDS: Readonly<Record<string, Check>> = {
  id: isModelId,
  name: isText,
  owned_by: isText,
  description: isText,
  capabilities: setOf(CAPABILITIES, 0),
  input_modalities: setOf(MODALITIES, 1),
  output_modalities: setOf(MODALITIES, 1),
  context_window: isTokenLimit,
  max_output_tokens: isTokenLimit,
  max_input_tokens: isTokenLimit,
  pricing: isPlainPricing,
  release_date: isDate,
  last_updated: isDate,
  knowledge_cutoff: isDate,
  status: (v) => STATUSES.has(v),
  deprecation_date: isDate,
  shutdown_date: isDate,
  replaced_by: isModelId,
  open_weights: isBoolean,
  aliases: setOf(isModelId, 1),
  metadata: isPlainModelMetadata,
};

/** The model schema's cross-field rules: the first of each pair must not exceed the second. */
const ORDERED_MODEL_PAIRS = [
  ['max_output_tokens', 'context_window'],
  ['max_input_tokens', 'context_window'],
  ['deprecation_date', 'shutdown_date'],
  ['release_date', 'last_updated'],
] as const;

function inOrder(v: Record<string, unknown>, pairs: readonly (readonly [string, string])[]): boolean {
  for (const [low, high] of pairs) {
    const a = v[low] as number | string | undefined;
    const b = v[high] as number | string | undefined;
    if (a !== undefined && b !== undefined && a > b) return false;
  }
  return true;
}

const isModelShape = strictRecord(MODEL_FIELDS, 1, true);
const isNormalizedShape = strictRecord({ ...MODEL_FIELDS, provider_model_id: isSpelling, variant: isText }, 2, true);

/** Whether `ModelSchema` accepts `value` and gives it back deep-equal (see the module's note). */
export function isPlainModel(value: unknown): boolean {
  return isModelShape(value) && (value as Record<string, unknown>).id !== undefined && inOrder(value as Record<string, unknown>, ORDERED_MODEL_PAIRS);
}

/**
 * The same for a transformer's normalized model: a model with the provider's spelling of its id
 * (required) and an optional variant.
 */
export function isPlainNormalizedModel(value: unknown): boolean {
  if (!isNormalizedShape(value)) return false;
  const v = value as Record<string, unknown>;
  return v.id !== undefined && v.provider_model_id !== undefined && inOrder(v, ORDERED_MODEL_PAIRS);
}

const capabilityEdit = strictRecord({ add: setOf(CAPABILITIES, 1), remove: setOf(CAPABILITIES, 1), force: setOf(CAPABILITIES, 0) });

function isPlainCapabilityOverride(v: unknown): boolean {
  if (!capabilityEdit(v)) return false;
  const { add, remove, force } = v as { add?: string[]; remove?: string[]; force?: string[] };
  if (force && (add || remove)) return false;
  return !(add && remove && add.some((c) => remove.includes(c)));
}

const OVERRIDE_FIELDS: Readonly<Record<string, Check>> = {
  provider_id: (v) => typeof v === 'string' && PROVIDER_ID.test(v),
  model_id: isModelId,
  variant: (v) => typeof v === 'string' && VARIANT.test(v),
  provider_model_id: isSpelling,
  priority: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  reason: isText,
  disabled: isBoolean,
  replace_with: isModelId,
  capabilities: isPlainCapabilityOverride,
  limits: strictRecord({ context_window: isTokenLimit, max_output_tokens: isTokenLimit, max_input_tokens: isTokenLimit }, 1),
  pricing: isPlainPricing,
  provenance: isStatedProvenance,
};
const isOverrideShape = strictRecord(OVERRIDE_FIELDS, 3, true);

/** Whether `OverrideSchema` accepts `value` and gives it back deep-equal (see the module's note). */
export function isPlainOverride(value: unknown): boolean {
  if (!isOverrideShape(value)) return false;
  const v = value as Record<string, unknown>;
  if (v.provider_id === undefined || v.model_id === undefined || v.priority === undefined) return false;
  return v.replace_with === undefined || v.disabled === true;
}

const MODEL_KEY_ORDER = Object.keys(ModelSchema.shape);
const PRICE_KEY_ORDER = Object.keys(PricingSchema.shape);
const METADATA_KEY_ORDER = Object.keys(ModelMetadataSchema.shape);
const METADATA_KEYS: ReadonlySet<string> = new Set(METADATA_KEY_ORDER);

type Plain = Record<string, unknown>;

function pricingCopy(pricing: Plain): Plain {
  const out: Plain = {};
  for (const key of PRICE_KEY_ORDER) {
    const price = pricing[key] as Plain | undefined;
    if (price === undefined) continue;
    out[key] = 'price' in price ? { price: price.price, currency: price.currency } : { per_million_tokens: price.per_million_tokens, currency: price.currency };
  }
  return out;
}

function provenanceCopy(record: Plain): Plain {
  const out: Plain = {};
  for (const key in record) {
    const p = record[key] as Plain;
    out[key] = 'as_of' in p ? { source: p.source, as_of: p.as_of } : { source: p.source };
  }
  return out;
}

/** The loose metadata schema's output: its own keys first, in its order, then the others as given. */
function metadataCopy(metadata: Plain): Plain {
  const out: Plain = {};
  for (const key of METADATA_KEY_ORDER) {
    if (!Object.hasOwn(metadata, key)) continue;
    const value = metadata[key];
    out[key] = key === 'provenance' && value !== undefined ? provenanceCopy(value as Plain) : value;
  }
  for (const key in metadata) if (!METADATA_KEYS.has(key)) out[key] = metadata[key];
  return out;
}

/**
 * What `ModelSchema` gives for a value `isPlainModel` (or `isPlainNormalizedModel`) accepted, with
 * undefined keys left out: a copy with every object's keys in the schema's order, `leadingKeys`
 * first, as a person reading printed output sees them.
 */
export function plainModelCopy(value: Plain, leadingKeys: readonly string[] = []): Plain {
  const out: Plain = {};
  for (const keys of [leadingKeys, MODEL_KEY_ORDER]) {
    for (const key of keys) {
      const v = value[key];
      if (v === undefined || Object.hasOwn(out, key)) continue;
      if (key === 'pricing') out[key] = pricingCopy(v as Plain);
      else if (key === 'metadata') out[key] = metadataCopy(v as Plain);
      else out[key] = Array.isArray(v) ? v.slice() : v;
    }
  }
  return out;
}

/** The files' entries checked by hand first, where a catalog holds them by the ten thousand. */
export const PLAIN_ENTRY_CHECKS: Partial<Record<FileKind, (entry: unknown) => boolean>> = {
  models: isPlainModel,
  overrides: isPlainOverride,
};

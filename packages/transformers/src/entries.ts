import { implausiblePriceMessage, implausibleTokenPrices, isPlainNormalizedModel, plainModelCopy } from '@llm-catalog/catalog';
import type { z } from 'zod';
import { describeValue, isRecord } from './envelope.ts';
import { type NormalizedModel, NormalizedModelSchema } from './normalized-model.ts';
import type { TransformResult, TransformWarning } from './result.ts';

/** How one format reads one entry of its list. */
export interface EntryFormat<T> {
  /** A lenient schema of the raw entry: what fails it is malformed and skipped. */
  schema: z.ZodType<T>;
  /** The entry's id as sent, read before parsing so a skipped entry can be named. */
  idOf: (entry: Record<string, unknown>) => string | undefined;
  /**
   * The entry as `schema` would give it, checked by hand, when it has the format's common plain
   * shape; undefined for anything else, which `schema` then checks. A list of 100,000 entries spends
   * a large share of a sync in the schema check.
   */
  plainEntry?: (entry: Record<string, unknown>) => T | undefined;
  /** Builds the normalized model; `warn` reports a field left out. */
  toModel: (entry: T, warn: (message: string) => void) => NormalizedModel;
}

export function issuesText(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` (and ${more} more)` : '');
}

/** Leaves out keys whose value is undefined, so they do not reach the output as `key: undefined`. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A limit pair the model schema rejects (Groq's text-to-speech models report 50,000 output tokens in
 * a 4,000-token context) loses the output limit, which is the less certain of the two.
 */
function fitLimits(model: NormalizedModel, warn: (message: string) => void): NormalizedModel {
  const { max_output_tokens: output, context_window: context } = model;
  if (output === undefined || context === undefined || output <= context) return model;
  warn(`max_output_tokens ${output} exceeds context_window ${context}; max_output_tokens left out`);
  return { ...model, max_output_tokens: undefined };
}

/** The ids lead a finished model, the provider's spelling and the variant right after the id. */
const LEADING_KEYS = ['id', 'provider_model_id', 'variant'] as const;

/** A draft model made valid: a conflicting limit pair resolved, then checked against the schema. */
export type FinishedModel = { model: NormalizedModel } | { invalid: string };

/**
 * Checks a draft a format built: an impossible limit pair loses its output limit (with a warning),
 * and what the model schema still rejects is reported as `invalid`. The ids lead the returned model,
 * so a person reading the output sees at once which entry each model came from.
 */
export function finishModel(draft: NormalizedModel, warn: (message: string) => void): FinishedModel {
  const fitted = fitLimits(draft, warn);
  // Most drafts are plain: checked by hand, they skip the schema (a sixth of a large sync's time),
  // and the one copy made is the model returned.
  if (isPlainNormalizedModel(fitted)) {
    const model = plainModelCopy(fitted, LEADING_KEYS) as NormalizedModel;
    const refusal = refusalOf(model);
    return refusal ? { invalid: refusal } : { model };
  }
  const checked = NormalizedModelSchema.safeParse(withoutUndefined(fitted));
  if (!checked.success) return { invalid: `it gives an invalid model: ${issuesText(checked.error)}` };
  const refusal = refusalOf(checked.data);
  if (refusal) return { invalid: refusal };
  const { id, provider_model_id, variant, ...facts } = checked.data;
  return { model: { id, provider_model_id, ...(variant === undefined ? {} : { variant }), ...facts } };
}

const UNSAFE_TEXT = /[\p{Cc}\p{Cs}]/u;
/** The rest of a path after a key or index: `.name`, `[0]`, or nothing at the text itself. */
const joinPath = (rest: string) => (rest === '' || rest.startsWith('[') ? rest : `.${rest}`);

/**
 * The path of the first text in a model that holds a control character or a lone surrogate: such a
 * value would carry a terminal escape sequence into output, or break strict JSON readers. The path
 * is spelled out only for the text found: this runs on every model of every list.
 */
function unsafeTextAt(value: unknown): string | undefined {
  if (typeof value === 'string') return UNSAFE_TEXT.test(value) ? '' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeTextAt(value[i]);
      if (found !== undefined) return `[${i}]${joinPath(found)}`;
    }
    return undefined;
  }
  if (isRecord(value)) {
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const found = unsafeTextAt(value[key]);
      if (found !== undefined) return `${key}${joinPath(found)}`;
    }
  }
  return undefined;
}

/** Why a checked model is not taken although the schema accepts it, or undefined when it is fine. */
function refusalOf(model: NormalizedModel): string | undefined {
  const unsafe = unsafeTextAt(model);
  if (unsafe !== undefined) return `${unsafe} holds a control character or a lone surrogate`;
  const [tiny] = implausibleTokenPrices(model.pricing);
  return tiny ? `pricing.${tiny[0]}: ${implausiblePriceMessage(tiny[1])}` : undefined;
}

/**
 * Runs one format over every entry. A malformed entry (null, no id, a field of the wrong kind, an
 * output the model schema rejects, text with control characters, a price too small to be real) is
 * skipped with a warning naming its index and id; the other
 * entries are unaffected, and nothing an entry holds can make this throw.
 */
export function transformEntries<T>(
  entries: readonly unknown[],
  format: EntryFormat<T>,
): Pick<TransformResult, 'models' | 'warnings'> {
  const models: NormalizedModel[] = [];
  const warnings: TransformWarning[] = [];
  entries.forEach((entry, index) => {
    const id = isRecord(entry) ? format.idOf(entry) : undefined;
    const named = id === undefined ? { index } : { index, id };
    const skip = (reason: string) => warnings.push({ ...named, message: `skipped: ${reason}`, skipped: true });
    if (!isRecord(entry)) {
      skip(`the entry is ${describeValue(entry)}, not an object`);
      return;
    }
    const plain = format.plainEntry?.(entry);
    const parsed = plain !== undefined ? { success: true as const, data: plain } : format.schema.safeParse(entry);
    if (!parsed.success) {
      skip(issuesText(parsed.error));
      return;
    }
    const fieldWarnings: string[] = [];
    const warn = (message: string) => fieldWarnings.push(message);
    let finished: FinishedModel;
    try {
      finished = finishModel(format.toModel(parsed.data, warn), warn);
    } catch (err) {
      skip(`the entry could not be read (${err instanceof Error ? err.message : String(err)})`);
      return;
    }
    if ('invalid' in finished) {
      skip(finished.invalid);
      return;
    }
    models.push(finished.model);
    for (const message of fieldWarnings) warnings.push({ ...named, message });
  });
  return { models, warnings };
}

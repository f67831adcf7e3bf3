import { z } from 'zod';

/**
 * Building blocks shared by the provider, model and override schemas.
 * Messages are written for a person reading `catalog validate` output.
 */

/** Half of a UTF-16 surrogate pair without its other half: strict JSON readers (jq) refuse the file. */
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATE_MESSAGE = 'id must not contain a lone surrogate (half of a UTF-16 pair)';

// Lowercase, no whitespace or control characters. `/`, `:`, `.`, `@`, `~` and `-` are allowed because
// real model ids use them (ollama tags, fine-tune names, OpenRouter variants).
export const ModelIdSchema = z
  .string()
  .min(1, 'id must not be empty')
  .refine((s) => !/[\s\p{Cc}]/u.test(s), 'id must not contain whitespace or control characters')
  .refine((s) => !LONE_SURROGATE.test(s), LONE_SURROGATE_MESSAGE)
  .refine((s) => s === s.toLowerCase(), 'id must be lowercase');

/** The id a provider is called with, exactly as it spells it: any case, but nothing a terminal or a JSON reader chokes on. */
export const ProviderModelIdSchema = z
  .string()
  .min(1, 'provider_model_id must not be empty')
  .refine((s) => !/\p{Cc}/u.test(s), 'id must not contain control characters')
  .refine((s) => !LONE_SURROGATE.test(s), LONE_SURROGATE_MESSAGE);

export const ProviderIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'provider id must be a lowercase slug (a-z, 0-9, "-")');

export const DateStringSchema = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'date must be YYYY-MM or YYYY-MM-DD');

export const VersionSchema = z.string().regex(/^\d{4}\.\d{2}\.\d{2}$/, 'version must be YYYY.MM.DD');

export const UrlSchema = z.url({ message: 'must be an absolute URL' });

export const CurrencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as USD');

/** Token limits: a positive integer. `0` is never a limit, it means a source lied or was misread. */
export const TokenLimitSchema = z
  .number({ message: 'must be a number' })
  .int('must be a whole number of tokens')
  .positive('must be > 0 (omit the field when the limit is unknown)');

/** A price: finite, non-negative. `0` means free and is a real value. */
export const PriceAmountSchema = z
  .number({ message: 'price must be a number (null and NaN are not prices)' })
  .refine(Number.isFinite, 'price must be a finite number')
  .refine((n) => n >= 0, 'price must not be negative');

export const CapabilitySchema = z.enum(
  [
    'FUNCTION_CALL',
    'REASONING',
    'IMAGE_RECOGNITION',
    'IMAGE_GENERATION',
    'AUDIO_RECOGNITION',
    'AUDIO_GENERATION',
    'VIDEO_RECOGNITION',
    'VIDEO_GENERATION',
    'EMBEDDING',
    'RERANK',
    'STRUCTURED_OUTPUT',
    'WEB_SEARCH',
    'CODE_EXECUTION',
    'FILE_INPUT',
    'COMPUTER_USE',
    'MODERATION',
    'FINE_TUNING',
  ],
  { message: 'unknown capability' },
);

export const ModalitySchema = z.enum(['TEXT', 'IMAGE', 'AUDIO', 'VIDEO', 'FILE', 'EMBEDDING'], {
  message: 'unknown modality (TEXT, IMAGE, AUDIO, VIDEO, FILE, EMBEDDING)',
});

/** A list used as a set: no duplicates. Writers sort it. */
export function uniqueList<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .refine((xs) => new Set(xs as unknown[]).size === xs.length, 'list must not repeat a value');
}

export type Capability = z.infer<typeof CapabilitySchema>;
export type Modality = z.infer<typeof ModalitySchema>;

/** Orders strings by UTF-16 code units, the same on every machine and locale (unlike localeCompare). */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

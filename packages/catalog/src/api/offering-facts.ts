import { formatCount, formatMoney } from '../format.ts';
import type { FieldOrigin, Resolution, ResolvedModel } from '../resolve.ts';
import { pricesByFact, TOKEN_PRICE_KEYS } from '../schema/pricing.ts';

/** One fact of a provider's offering, as `models show` lists it. */
export interface OfferingFact {
  /** `context_window`, `pricing.input`, `pricing.long_context>200000.input`, `pricing.service_tiers.batch.output`. */
  field: string;
  /** How it reads: `128,000`, `$2.5 /1M tokens`, `2026-10-01`. */
  text: string;
  /** The layer that set it: the base model, an auto override or a manual one. */
  origin: FieldOrigin;
}

/** The facts before the prices, then those after them, in reading order. */
const BEFORE_PRICES = [
  'provider_model_id',
  'name',
  'owned_by',
  'description',
  'status',
  'capabilities',
  'input_modalities',
  'output_modalities',
  'context_window',
  'max_output_tokens',
  'max_input_tokens',
] as const satisfies readonly (keyof ResolvedModel)[];
const AFTER_PRICES = [
  'reasoning',
  'parameters',
  'release_date',
  'last_updated',
  'knowledge_cutoff',
  'deprecation_date',
  'shutdown_date',
  'replaced_by',
  'open_weights',
  'aliases',
  'disabled',
  'reason',
  'replace_with',
] as const satisfies readonly (keyof ResolvedModel)[];

/** A description can run to paragraphs; a listing shows its start, `--json` all of it. */
const MAX_SHOWN_TEXT = 100;
const TOKEN_KEYS = new Set<string>(TOKEN_PRICE_KEYS);

function factText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'number') return formatCount(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  return text.length > MAX_SHOWN_TEXT ? `${text.slice(0, MAX_SHOWN_TEXT - 1).trimEnd()}…` : text;
}

/**
 * Every fact an offering states, with how it reads and which layer set it: its limits, each price
 * (long-context tiers by threshold, then batch/flex/priority tiers, by `pricesByFact`), status,
 * dates and availability. Unknown facts are left out. A tier price's origin is that of the tier list.
 */
export function offeringFacts({ model, origins }: Pick<Resolution, 'model' | 'origins'>): OfferingFact[] {
  const originOf = (field: string): FieldOrigin => origins[field] ?? 'base';
  const plain = (fields: readonly (keyof ResolvedModel)[]) =>
    fields.filter((f) => model[f] !== undefined).map((f) => ({ field: f, text: factText(model[f]), origin: originOf(f) }));
  const prices = [...(model.pricing ? pricesByFact(model.pricing) : [])].map(([name, p]) => {
    const perToken = TOKEN_KEYS.has(name.slice(name.lastIndexOf('.') + 1));
    return {
      field: `pricing.${name}`,
      text: `${formatMoney(p.amount, p.currency)}${perToken ? ' /1M tokens' : ''}`,
      origin: originOf(`pricing.${/^\w+/.exec(name)?.[0] ?? name}`),
    };
  });
  return [...plain(BEFORE_PRICES), ...prices, ...plain(AFTER_PRICES)];
}

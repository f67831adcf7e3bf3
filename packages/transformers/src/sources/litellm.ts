import {
  type Capability,
  type LongContextTier,
  type Modality,
  normalizeModelId,
  type Pricing,
  type Provider,
  type ServiceTierName,
  type ServiceTiers,
  type TokenPrice,
  type TokenPriceKey,
} from '@llm-catalog/catalog';
import { isRecord } from '../envelope.ts';
import { capabilitiesFromModalities, capabilityList, dateFromText, definedFields, mergeModalities, modalitiesOf, tokenLimit } from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { unitPrice } from '../pricing.ts';
import { makerFromIdVendor } from '../vendor.ts';
import { createCollector, type EntryReport } from './collect.ts';
import { providerEntry, SHARED_HOSTS } from './provider-entry.ts';
import { catalogProviderId, NOT_LISTED } from './provider-map.ts';
import { sortedTiers, sourceTokenPrice, type TokenPriceFields, tokenPricesOf } from './prices.ts';
import type { SourceParseOptions, SourceResult } from './types.ts';
import type { SourceDescriptor } from '../descriptor.ts';

/** LiteLLM's fields for the token prices, in USD per token. */
const TOKEN_FIELDS = {
  input: 'input_cost_per_token',
  output: 'output_cost_per_token',
  cache_read: 'cache_read_input_token_cost',
  cache_write: 'cache_creation_input_token_cost',
  reasoning: 'output_cost_per_reasoning_token',
  input_audio: 'input_cost_per_audio_token',
  output_audio: 'output_cost_per_audio_token',
} as const satisfies TokenPriceFields;
const KEY_OF_FIELD = new Map(Object.entries(TOKEN_FIELDS).map(([key, field]) => [field as string, key as TokenPriceKey]));

/** DeepSeek's entries name the cache-read price this way. */
const CACHE_HIT_FIELD = 'input_cost_per_token_cache_hit';

const SERVICE_TIER_SUFFIX: Record<string, ServiceTierName> = { batches: 'batch', flex: 'flex', priority: 'priority' };

/** `<price field>[_above_<N>k_tokens][_<service tier>]`: a long-context price, a service tier's, or both. */
const CONDITIONAL_PRICE = /^([a-z_]+?)(?:_above_(\d+)k_tokens)?(?:_(batches|flex|priority))?$/;

/** The keys of the body that are not models: its own documentation. */
const NOT_ENTRIES = new Set(['sample_spec']);

/** Modes whose entries are not models: web search engines and vector stores priced per query. */
const NOT_MODELS = new Set(['search', 'vector_store']);

/** What each mode says about a model's input and output when the entry lists no modalities. */
const MODE_FACTS: Record<string, { input: Modality[]; output?: Modality[]; capability?: Capability }> = {
  chat: { input: ['TEXT'], output: ['TEXT'] },
  completion: { input: ['TEXT'], output: ['TEXT'] },
  responses: { input: ['TEXT'], output: ['TEXT'] },
  realtime: { input: ['TEXT', 'AUDIO'], output: ['TEXT', 'AUDIO'] },
  embedding: { input: ['TEXT'], output: ['EMBEDDING'] },
  rerank: { input: ['TEXT'], capability: 'RERANK' },
  moderation: { input: ['TEXT'], capability: 'MODERATION' },
  image_generation: { input: ['TEXT'], output: ['IMAGE'] },
  image_edit: { input: ['TEXT', 'IMAGE'], output: ['IMAGE'] },
  audio_transcription: { input: ['AUDIO'], output: ['TEXT'] },
  audio_speech: { input: ['TEXT'], output: ['AUDIO'] },
  video_generation: { input: ['TEXT'], output: ['VIDEO'] },
  ocr: { input: ['FILE', 'IMAGE'], output: ['TEXT'] },
};

/** `supports_*` flags that, when true, state a capability (false says nothing a list can hold). */
const FLAG_CAPABILITIES: Record<string, Capability> = {
  supports_function_calling: 'FUNCTION_CALL',
  supports_reasoning: 'REASONING',
  supports_response_schema: 'STRUCTURED_OUTPUT',
  supports_vision: 'IMAGE_RECOGNITION',
  supports_pdf_input: 'FILE_INPUT',
  supports_audio_input: 'AUDIO_RECOGNITION',
  supports_audio_output: 'AUDIO_GENERATION',
  supports_video_input: 'VIDEO_RECOGNITION',
  supports_web_search: 'WEB_SEARCH',
  supports_computer_use: 'COMPUTER_USE',
};
const FLAG_INPUTS: Record<string, Modality> = {
  supports_vision: 'IMAGE',
  supports_pdf_input: 'FILE',
  supports_audio_input: 'AUDIO',
  supports_video_input: 'VIDEO',
};

// Keys that are prices of something other than a model: per image size and quality
// (`hd/1024-x-1024/dall-e-3`), or a size bucket of a host's own models (`fireworks-ai-4.1b-to-16b`).
const IMAGE_SIZE_KEY = /^(?:(?:low|medium|high|hd|standard)\/)?(?:\d+|max)-x-(?:\d+|max)\//;
const SIZE_BUCKET_KEY = /^(?:fireworks-ai|together-ai)-[^/]*$/;

/**
 * The provider's own spelling of the model: the key without LiteLLM's route prefix
 * (`groq/llama-3.3-70b-versatile` -> `llama-3.3-70b-versatile`, `azure/...` for `azure_text`).
 */
export function litellmSpelling(key: string, provider: string): string {
  const slash = key.indexOf('/');
  if (slash <= 0) return key;
  const segment = key.slice(0, slash);
  const underscored = (s: string) => s.replace(/-/g, '_');
  const isRoute =
    segment === provider ||
    underscored(segment) === underscored(provider) ||
    provider.startsWith(`${segment}_`) ||
    provider.startsWith(`${segment}-`);
  return isRoute ? key.slice(slash + 1) : key;
}

/** Why a key is not one offering of a model, or undefined when it is. */
function notAnOffering(key: string, spelling: string, provider: string, entry: Readonly<Record<string, unknown>>): string | undefined {
  const mode = entry.mode;
  if (typeof mode === 'string' && NOT_MODELS.has(mode)) return `a ${mode} service priced per query, not a model`;
  if (entry.code_interpreter_cost_per_session !== undefined) return "a tool's price (a code-interpreter session), not a model";
  if (IMAGE_SIZE_KEY.test(spelling)) return 'a price for one image size and quality, not a model';
  if (SIZE_BUCKET_KEY.test(key)) return "a price bucket for a host's models by size, not a model";
  // Bedrock and Azure model ids hold no "/": one here is a region, data zone or commitment term.
  if (/^(bedrock|azure)/.test(provider) && spelling.includes('/')) {
    return 'a region-, data-zone- or commitment-specific price; the catalog keeps the standard one';
  }
  return undefined;
}

/** Collects conditional prices by service tier and long-context threshold. */
function conditionalPrices(entry: Readonly<Record<string, unknown>>, report: EntryReport) {
  const tiers = new Map<string, Partial<Record<TokenPriceKey, TokenPrice>>>();
  for (const [field, value] of Object.entries(entry)) {
    const m = CONDITIONAL_PRICE.exec(field);
    if (!m || (m[2] === undefined && m[3] === undefined)) continue;
    const key = KEY_OF_FIELD.get(m[1] ?? '');
    if (key === undefined) continue;
    const price = sourceTokenPrice(value, field, 'per-token', report);
    if (!price) continue;
    const slot = `${m[3] ? SERVICE_TIER_SUFFIX[m[3]] : ''}:${m[2] ?? ''}`;
    const prices = tiers.get(slot) ?? {};
    prices[key] = price;
    tiers.set(slot, prices);
  }
  const longContext = (service: string): LongContextTier[] =>
    [...tiers.entries()]
      .filter(([slot]) => slot.startsWith(`${service}:`) && !slot.endsWith(':'))
      .map(([slot, prices]) => ({ above_input_tokens: Number(slot.split(':')[1]) * 1000, ...prices }));
  return { tiers, longContext };
}

/** `tiered_pricing`: `[{range: [from, to], input_cost_per_token, ...}]`; the tier from 0 is the list price. */
function tieredPricing(raw: unknown, report: EntryReport): { base?: Partial<Record<TokenPriceKey, TokenPrice>>; tiers: LongContextTier[] } {
  const tiers: LongContextTier[] = [];
  let base: Partial<Record<TokenPriceKey, TokenPrice>> | undefined;
  if (!Array.isArray(raw)) return { tiers };
  raw.forEach((tier, i) => {
    const field = `tiered_pricing[${i}]`;
    const from = isRecord(tier) && Array.isArray(tier.range) ? tier.range[0] : undefined;
    if (!isRecord(tier) || typeof from !== 'number' || !Number.isInteger(from) || from < 0) {
      report.warn(`${field}: no token range; left out`);
      return;
    }
    const prices = tokenPricesOf(tier, TOKEN_FIELDS, 'per-token', report, `${field}.`);
    if (!prices) return;
    if (from === 0) base = prices;
    else tiers.push({ above_input_tokens: from, ...prices });
  });
  return { base, tiers };
}

function pricingOf(entry: Readonly<Record<string, unknown>>, report: EntryReport): Pricing | undefined {
  const tiered = tieredPricing(entry.tiered_pricing, report);
  const flat = { ...tiered.base, ...tokenPricesOf(entry, TOKEN_FIELDS, 'per-token', report) };
  if (flat.cache_read === undefined) {
    const cacheHit = sourceTokenPrice(entry[CACHE_HIT_FIELD], CACHE_HIT_FIELD, 'per-token', report);
    if (cacheHit) flat.cache_read = cacheHit;
  }
  const { tiers, longContext } = conditionalPrices(entry, report);
  const serviceTiers: ServiceTiers = {};
  for (const service of Object.values(SERVICE_TIER_SUFFIX)) {
    const prices = tiers.get(`${service}:`);
    const tierLongContext = sortedTiers(longContext(service), `${service} long-context prices`, report);
    if (prices || tierLongContext) {
      serviceTiers[service] = { ...prices, ...(tierLongContext ? { long_context: tierLongContext } : {}) };
    }
  }
  const unit = (field: string) => {
    const value = entry[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      report.warn(`${field}: ${JSON.stringify(value)} is not a price; left out`);
      return undefined;
    }
    return unitPrice(value);
  };
  const pricing: Pricing = {
    ...flat,
    ...definedFields({
      per_image: unit('output_cost_per_image'),
      per_request: unit('input_cost_per_request'),
      long_context: sortedTiers([...tiered.tiers, ...longContext('')], 'long-context prices', report),
      service_tiers: Object.keys(serviceTiers).length > 0 ? serviceTiers : undefined,
    }),
  };
  return Object.keys(pricing).length > 0 ? pricing : undefined;
}

const wordsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

function toModel(
  spelling: string,
  entry: Readonly<Record<string, unknown>>,
  hosts: readonly string[],
  report: EntryReport,
): NormalizedModel {
  const { id, vendor, variant } = normalizeModelId(spelling);
  const mode = typeof entry.mode === 'string' ? MODE_FACTS[entry.mode] : undefined;
  const flags = Object.keys(FLAG_CAPABILITIES).filter((flag) => entry[flag] === true);
  const listedInput = modalitiesOf(wordsOf(entry.supported_modalities), 'supported_modalities', report.warn);
  const listedOutput = modalitiesOf(wordsOf(entry.supported_output_modalities), 'supported_output_modalities', report.warn);
  const input = mergeModalities(
    listedInput ?? mode?.input,
    flags.flatMap((f) => FLAG_INPUTS[f] ?? []),
  );
  const output = listedOutput ?? mergeModalities(mode?.output);
  const capabilities: Capability[] = [
    ...capabilitiesFromModalities(input, output),
    ...flags.flatMap((f) => FLAG_CAPABILITIES[f] ?? []),
    ...(mode?.capability ? [mode.capability] : []),
  ];
  const limit = (field: string) => (typeof entry[field] === 'number' ? tokenLimit(entry[field]) : undefined);
  const maxInput = limit('max_input_tokens');
  // LiteLLM fills max_output_tokens with the input limit when a provider states no output limit (964
  // entries in the 2026-07 file), and its legacy max_tokens means either: neither is a stated output limit.
  const statedOutput = limit('max_output_tokens');
  const maxOutput = statedOutput !== undefined && statedOutput !== maxInput ? statedOutput : undefined;
  const shutdown = typeof entry.deprecation_date === 'string' ? dateFromText(entry.deprecation_date) : undefined;
  if (entry.deprecation_date !== undefined && shutdown === undefined) {
    report.warn(`deprecation_date: ${JSON.stringify(entry.deprecation_date)} is not a date; left out`);
  }
  return {
    id,
    provider_model_id: spelling,
    variant,
    owned_by: makerFromIdVendor(vendor, hosts),
    capabilities: capabilityList(capabilities),
    input_modalities: input,
    output_modalities: output,
    // Not the context window: for GPT-5 LiteLLM states 272,000 input tokens of a 400,000 window.
    max_input_tokens: maxInput,
    max_output_tokens: maxOutput,
    pricing: pricingOf(entry, report),
    // LiteLLM's `deprecation_date` is the day the model stops answering.
    shutdown_date: shutdown,
  };
}

/**
 * Parses LiteLLM's `model_prices_and_context_window.json`: every key that is one provider's offering
 * of a model, prices moved from per-token to per-million by a decimal shift, long-context and
 * service-tier prices with them. Pure.
 */
export function parseLiteLlm(body: unknown, options: SourceParseOptions): SourceResult {
  if (!isRecord(body)) throw new TypeError("a LiteLLM body is an object of model keys");
  const collector = createCollector();
  const providers: Provider[] = [];
  for (const [key, entry] of Object.entries(body)) {
    if (NOT_ENTRIES.has(key)) continue;
    if (!isRecord(entry)) {
      collector.skip({ key }, 'not an entry (the value is not an object)');
      continue;
    }
    const sourceProvider = typeof entry.litellm_provider === 'string' ? entry.litellm_provider : '';
    const place = { source_provider: sourceProvider, key };
    if (sourceProvider === '') {
      collector.skip(place, 'no litellm_provider');
      continue;
    }
    const providerId = catalogProviderId('litellm', sourceProvider);
    if (providerId === null) {
      collector.skip(place, `${sourceProvider}: ${NOT_LISTED}`);
      continue;
    }
    if (!options.known_providers.has(providerId)) {
      const shared = SHARED_HOSTS[providerId];
      const providerFromShared = shared ? providerEntry(shared) : undefined;
      if (!providerFromShared) {
        collector.skip(place, `${providerId} is not in the catalog, and LiteLLM names no API base URL for it`);
        continue;
      }
      if (!providers.some((p) => p.id === providerId)) providers.push(providerFromShared);
    }
    const spelling = litellmSpelling(key, sourceProvider);
    const why = notAnOffering(key, spelling, sourceProvider, entry);
    if (why) {
      collector.skip({ ...place, provider_id: providerId }, why);
      continue;
    }
    collector.add({ ...place, provider_id: providerId }, (report) => toModel(spelling, entry, [sourceProvider, providerId], report));
  }
  return collector.result(providers);
}

export const liteLlmSource: SourceDescriptor = {
  kind: 'source',
  name: 'litellm',
  url: 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json',
  license: 'MIT',
  parse: parseLiteLlm,
  // Its `supports_*` flags are missing from most entries, so a missing one says nothing.
  capabilityVocabulary: [],
};

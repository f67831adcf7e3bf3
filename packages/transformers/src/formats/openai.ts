import { type Capability, type Modality, normalizeModelId } from '@llm-catalog/catalog';
import { z } from 'zod';
import { isRecord } from '../envelope.ts';
import {
  capabilitiesFromModalities,
  capabilityList,
  dateFromText,
  firstTokenLimit,
  mergeModalities,
  modalitiesOf,
  text,
} from '../facts.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import { type PerTokenPricing, type PricingDraft, perTokenPricing, pricingOrUndefined, tokenPrice } from '../pricing.ts';
import { rawId, rawList, rawNumber, rawText, splitList, stringField } from '../raw.ts';
import { ownerOf } from '../vendor.ts';
import { entriesTransformer } from '../descriptor.ts';

/**
 * OpenAI-compatible `GET /v1/models` (OpenAI, Groq, Together, Mistral, DeepSeek, xAI, Fireworks,
 * SiliconFlow, Novita, DeepInfra, Cerebras, LM Studio, vLLM, Ollama `/v1`). The base entry is
 * `{id, object, created, owned_by}`; each server adds its own extras, read here where present.
 */
export const OpenAiEntrySchema = z.looseObject({
  id: rawId,
  name: rawText,
  display_name: rawText,
  owned_by: rawText,
  organization: rawText,
  type: rawText,
  // One limit, four spellings: Groq, Together, vLLM, Mistral / LM Studio.
  context_window: rawNumber,
  context_length: rawNumber,
  max_model_len: rawNumber,
  max_context_length: rawNumber,
  max_completion_tokens: rawNumber,
  max_output_length: rawNumber,
  input_modalities: rawList,
  output_modalities: rawList,
  supported_features: rawList,
  // Mistral: `{function_calling: true, vision: false, ...}`; LM Studio: `["tool_use"]`.
  capabilities: z.union([z.record(z.string(), z.unknown()), z.array(z.string())]).nullish(),
  aliases: z.array(z.string()).nullish(),
  deprecation: rawText,
  deprecation_replacement_model: rawText,
  pricing: z.record(z.string(), z.unknown()).nullish(),
});
type OpenAiEntry = z.infer<typeof OpenAiEntrySchema>;

type PlainKind = 'text' | 'number' | 'list' | 'record' | 'schema';
const PLAIN_KINDS = new Map<string, PlainKind>([
  ...['id', 'name', 'display_name', 'owned_by', 'organization', 'type', 'deprecation', 'deprecation_replacement_model'].map(
    (k): [string, PlainKind] => [k, 'text'],
  ),
  ...['context_window', 'context_length', 'max_model_len', 'max_context_length', 'max_completion_tokens', 'max_output_length'].map(
    (k): [string, PlainKind] => [k, 'number'],
  ),
  ...['input_modalities', 'output_modalities', 'supported_features'].map((k): [string, PlainKind] => [k, 'list']),
  ['pricing', 'record'],
  // Arrays or records only the schema reads, and a key that could set a prototype.
  ...['capabilities', 'aliases', '__proto__'].map((k): [string, PlainKind] => [k, 'schema']),
]);

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** What `plainValue` returns when only the schema can say. */
const NOT_PLAIN = Symbol('not plain');

/** A value of a plain kind as the schema gives it, or NOT_PLAIN (no wrapper object: this runs for every field of every entry). */
function plainValue(kind: PlainKind | undefined, value: unknown): unknown {
  if (value === undefined || kind === undefined) return value;
  if (kind === 'text') return typeof value === 'string' ? value : NOT_PLAIN;
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value) ? value : NOT_PLAIN;
  if (kind === 'list') return isStringList(value) ? splitList(value) : NOT_PLAIN;
  // Read, never changed: the record itself, not a copy.
  if (kind === 'record') return isRecord(value) && !Object.hasOwn(value, '__proto__') ? value : NOT_PLAIN;
  return NOT_PLAIN;
}

/**
 * `OpenAiEntrySchema`'s output for an entry of plain values: a non-blank string id, strings and
 * finite numbers where they belong, string arrays for the lists, an object for pricing. Anything
 * else (null, numeric strings, comma lists, capabilities, aliases) is left to the schema.
 */
export function plainOpenAiEntry(entry: Record<string, unknown>): OpenAiEntry | undefined {
  if (typeof entry.id !== 'string' || entry.id.trim() === '') return undefined;
  const out: Record<string, unknown> = { input_modalities: [], output_modalities: [], supported_features: [] };
  for (const key in entry) {
    if (!Object.hasOwn(entry, key)) continue;
    const kind = PLAIN_KINDS.get(key);
    const value = plainValue(kind, entry[key]);
    if (value === NOT_PLAIN) return undefined;
    if (value !== undefined || kind !== 'list') out[key] = value;
  }
  return out as OpenAiEntry;
}

interface Facts {
  input: Modality[];
  output: Modality[];
  capabilities: Capability[];
}
const noFacts = (): Facts => ({ input: [], output: [], capabilities: [] });

/**
 * What a `type` says (Together, LM Studio). A chat model's input is not given: Together calls vision
 * models "chat" too, so only LM Studio's llm / vlm split says what goes in.
 */
const TYPE_FACTS: Record<string, Partial<Facts>> = {
  chat: { output: ['TEXT'] },
  language: { output: ['TEXT'] },
  code: { output: ['TEXT'] },
  llm: { input: ['TEXT'], output: ['TEXT'] },
  vlm: { input: ['TEXT', 'IMAGE'], output: ['TEXT'] },
  embedding: { output: ['EMBEDDING'] },
  embeddings: { output: ['EMBEDDING'] },
  image: { output: ['IMAGE'] },
  audio: { output: ['AUDIO'] },
  transcribe: { input: ['AUDIO'], output: ['TEXT'] },
  moderation: { capabilities: ['MODERATION'] },
  rerank: { capabilities: ['RERANK'] },
};

/** Mistral's capability flags. */
const FLAG_CAPABILITIES: Record<string, Capability> = {
  function_calling: 'FUNCTION_CALL',
  vision: 'IMAGE_RECOGNITION',
  fine_tuning: 'FINE_TUNING',
};

/** LM Studio's capability list and Groq's `supported_features`. */
const FEATURE_CAPABILITIES: Record<string, Capability> = {
  tool_use: 'FUNCTION_CALL',
  tools: 'FUNCTION_CALL',
  structured_outputs: 'STRUCTURED_OUTPUT',
  reasoning: 'REASONING',
};

function mistralFlags(flags: Record<string, unknown>): Facts {
  const facts = noFacts();
  for (const [flag, cap] of Object.entries(FLAG_CAPABILITIES)) if (flags[flag] === true) facts.capabilities.push(cap);
  if (flags.completion_chat === true) {
    facts.input.push('TEXT');
    facts.output.push('TEXT');
  }
  if (flags.vision === true) facts.input.push('IMAGE');
  return facts;
}

/** Model types Together bills by the token; its image, audio and transcription prices are per image, character or minute. */
const TOKEN_PRICED_TYPES = new Set(['chat', 'language', 'code', 'moderation', 'embedding', 'rerank']);

/**
 * Two price shapes exist among OpenAI-compatible bodies. Groq sends OpenRouter's: decimal strings in
 * USD per token under `prompt` / `completion`. Together sends numbers in USD per 1M tokens under
 * `input` / `output`, next to `hourly`, `base` and `finetune`, which are 0 on every model: Together
 * writes 0 for whatever it does not bill by the token, so a 0 there cannot be told from "not
 * applicable" and is left out.
 */
function pricingOf(entry: OpenAiEntry, warn: (message: string) => void): PerTokenPricing {
  const raw = entry.pricing;
  if (!raw) return { dynamic: false };
  if ('prompt' in raw || 'completion' in raw) return perTokenPricing(raw, warn);
  const type = entry.type?.toLowerCase();
  if (type !== undefined && !TOKEN_PRICED_TYPES.has(type)) return { dynamic: false };
  const draft: PricingDraft = {};
  for (const key of ['input', 'output'] as const) {
    const value = raw[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) draft[key] = tokenPrice(value);
  }
  const pricing = pricingOrUndefined(draft);
  return pricing ? { pricing, dynamic: false } : { dynamic: false };
}

/**
 * The ids one model is listed under. Mistral lists every alias as an entry of its own, each naming
 * the others in `aliases` and the model's canonical id in `name`, so all of them normalize to that
 * canonical id and carry the rest as aliases.
 */
function aliasGroup(entry: OpenAiEntry): { canonical: string; others: string[] } | undefined {
  if (!entry.aliases || entry.aliases.length === 0) return undefined;
  const spellings = [entry.id, ...entry.aliases];
  const canonical = entry.name && spellings.includes(entry.name) ? entry.name : entry.id;
  const canonicalId = normalizeModelId(canonical).id;
  const others = [...new Set(spellings.map((s) => normalizeModelId(s).id))].filter((s) => s !== canonicalId && s !== '');
  return { canonical, others: others.sort() };
}

/** The display name, when the body has one that is not just an id again (Mistral's `name` is an id). */
function displayName(entry: OpenAiEntry): string | undefined {
  const name = text(entry.display_name) ?? text(entry.name);
  if (name === undefined) return undefined;
  const ids = [entry.id, ...(entry.aliases ?? [])].map((s) => s.toLowerCase());
  return ids.includes(name.toLowerCase()) ? undefined : name;
}

/** Modalities and capabilities from every place an OpenAI-style body states them: lists, type, flags, features. */
function modalitiesAndCapabilities(entry: OpenAiEntry, warn: (message: string) => void) {
  const typeFacts = TYPE_FACTS[entry.type?.toLowerCase() ?? ''] ?? {};
  const flagFacts = !entry.capabilities || Array.isArray(entry.capabilities) ? noFacts() : mistralFlags(entry.capabilities);
  const featureCaps = featureCapabilities(Array.isArray(entry.capabilities) ? entry.capabilities : [], entry.supported_features);
  const input = mergeModalities(modalitiesOf(entry.input_modalities, 'input_modalities', warn), typeFacts.input, flagFacts.input);
  const output = mergeModalities(modalitiesOf(entry.output_modalities, 'output_modalities', warn), typeFacts.output, flagFacts.output);
  const fromModalities = capabilitiesFromModalities(input, output);
  const stated = [typeFacts.capabilities ?? [], flagFacts.capabilities, featureCaps];
  // Most entries state no capability at all: no list is made for them.
  const capabilities =
    fromModalities.length === 0 && stated.every((list) => list.length === 0)
      ? undefined
      : capabilityList([...fromModalities, ...stated.flat()]);
  return { input, output, capabilities };
}

/** The capabilities a list of features (LM Studio's `capabilities`, Groq's `supported_features`) names. */
function featureCapabilities(...lists: readonly (readonly string[])[]): Capability[] {
  const caps: Capability[] = [];
  for (const list of lists) {
    for (const feature of list) {
      const key = feature.toLowerCase();
      // Own keys only: a feature named "constructor" is not a capability.
      if (Object.hasOwn(FEATURE_CAPABILITIES, key)) caps.push(FEATURE_CAPABILITIES[key] as Capability);
    }
  }
  return caps;
}

function makeToModel(entries: readonly unknown[]) {
  // An alias entry is an offering of the canonical entry when that one is listed too.
  const listedIds = new Set(entries.flatMap((e) => (isRecord(e) ? (stringField(e, 'id') ?? []) : [])));

  return (entry: OpenAiEntry, warn: (message: string) => void): NormalizedModel => {
    const group = aliasGroup(entry);
    const { id, vendor, variant } = normalizeModelId(group?.canonical ?? entry.id);
    const isListedAlias = group !== undefined && group.canonical !== entry.id && listedIds.has(group.canonical);

    const { input, output, capabilities } = modalitiesAndCapabilities(entry, warn);

    const { pricing, dynamic } = pricingOf(entry, warn);
    const replacedBy = text(entry.deprecation_replacement_model);
    const deprecation = text(entry.deprecation);
    const deprecationDate = dateFromText(deprecation);
    if (deprecation !== undefined && deprecationDate === undefined) {
      warn(`deprecation: ${JSON.stringify(deprecation)} is not a date; left out`);
    }

    return {
      id,
      provider_model_id: entry.id,
      variant: variant ?? (isListedAlias ? 'alias' : undefined),
      name: displayName(entry),
      owned_by: ownerOf(entry.owned_by ?? entry.organization, vendor),
      capabilities,
      input_modalities: input,
      output_modalities: output,
      context_window: firstTokenLimit(
        entry.context_window,
        entry.context_length,
        entry.max_model_len,
        entry.max_context_length,
      ),
      max_output_tokens: firstTokenLimit(entry.max_completion_tokens, entry.max_output_length),
      pricing,
      deprecation_date: deprecationDate,
      replaced_by: replacedBy === undefined ? undefined : normalizeModelId(replacedBy).id,
      aliases: group && group.others.length > 0 ? group.others : undefined,
      metadata: dynamic ? { dynamic_pricing: true } : undefined,
    };
  };
}

export const openAiTransformer = entriesTransformer(
  { name: 'openai', format: 'OPENAI', defaultForFormat: true, capabilityVocabulary: [] },
  (entries) => ({
    schema: OpenAiEntrySchema,
    plainEntry: plainOpenAiEntry,
    idOf: (entry) => stringField(entry, 'id'),
    toModel: makeToModel(entries),
  }),
);

export const transformOpenAi = openAiTransformer.transform;

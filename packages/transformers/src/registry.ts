import type { ApiFormat, ModelsApiEndpoint, TransformerName } from '@llm-catalog/catalog';
import { transformAiHubMix } from './formats/aihubmix.ts';
import { transformAnthropic } from './formats/anthropic.ts';
import { transformGemini } from './formats/gemini.ts';
import { transformOllama } from './formats/ollama.ts';
import { transformOpenAi } from './formats/openai.ts';
import { transformOpenRouter } from './formats/openrouter.ts';
import type { Transformer } from './result.ts';
import { parseLiteLlm } from './sources/litellm.ts';
import { parseModelsDev } from './sources/models-dev.ts';
import type { SourceName, SourceParser } from './sources/types.ts';

export const TRANSFORMERS: Readonly<Record<TransformerName, Transformer>> = {
  openai: transformOpenAi,
  openrouter: transformOpenRouter,
  aihubmix: transformAiHubMix,
  ollama: transformOllama,
  anthropic: transformAnthropic,
  gemini: transformGemini,
};

/** The transformer an endpoint of each API format gets when it names none. CUSTOM has no default. */
const BY_FORMAT: Readonly<Partial<Record<ApiFormat, TransformerName>>> = {
  OPENAI: 'openai',
  ANTHROPIC: 'anthropic',
  GEMINI: 'gemini',
  OLLAMA: 'ollama',
};

export function getTransformer(name: TransformerName): Transformer {
  return TRANSFORMERS[name];
}

/** The endpoint's `transformer`, else the one for its `format`. */
export function transformerForEndpoint(endpoint: Pick<ModelsApiEndpoint, 'transformer' | 'format' | 'url'>): Transformer {
  const name = endpoint.transformer ?? BY_FORMAT[endpoint.format];
  if (name === undefined) {
    throw new Error(`${endpoint.url}: a ${endpoint.format} endpoint needs a "transformer" naming its body format`);
  }
  return TRANSFORMERS[name];
}

/**
 * A reference catalog: one body lists the offerings of many providers, with no paging, so it is a
 * kind of entry of its own beside the list-models transformers.
 */
export interface SourceEntry {
  kind: 'source';
  name: SourceName;
  /** Where the live body is read, without a key. */
  url: string;
  /** The license the source publishes its data under, for the credits. */
  license: string;
  parse: SourceParser;
}

export const SOURCES: Readonly<Record<SourceName, SourceEntry>> = {
  'models.dev': {
    kind: 'source',
    name: 'models.dev',
    url: 'https://models.dev/api.json',
    license: 'MIT',
    parse: parseModelsDev,
  },
  litellm: {
    kind: 'source',
    name: 'litellm',
    url: 'https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json',
    license: 'MIT',
    parse: parseLiteLlm,
  },
};

export function getSource(name: SourceName): SourceEntry {
  return SOURCES[name];
}

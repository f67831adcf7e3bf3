import type { ApiFormat, ModelsApiEndpoint, TransformerName } from '@llm-catalog/catalog';
import { type CapabilityVocabulary, createRegistry, type RegistryEntry, type SourceDescriptor } from './descriptor.ts';
import { aiHubMixTransformer } from './formats/aihubmix.ts';
import { anthropicTransformer } from './formats/anthropic.ts';
import { geminiTransformer } from './formats/gemini.ts';
import { ollamaTransformer } from './formats/ollama.ts';
import { openAiTransformer } from './formats/openai.ts';
import { openRouterTransformer } from './formats/openrouter.ts';
import type { Transformer } from './result.ts';
import { liteLlmSource } from './sources/litellm.ts';
import { modelsDevSource } from './sources/models-dev.ts';
import type { SourceName } from './sources/types.ts';

/**
 * Every body format the catalog reads. Adding one is a new file exporting its descriptor plus a line
 * here; `pnpm schema` then writes the names the provider schema accepts.
 */
export const REGISTRY_ENTRIES: readonly RegistryEntry[] = [
  openAiTransformer,
  openRouterTransformer,
  aiHubMixTransformer,
  ollamaTransformer,
  anthropicTransformer,
  geminiTransformer,
  modelsDevSource,
  liteLlmSource,
];

export const REGISTRY = createRegistry(REGISTRY_ENTRIES);

export const getTransformer = (name: TransformerName): Transformer => REGISTRY.transformer(name).transform;
export const transformerForEndpoint = (endpoint: Pick<ModelsApiEndpoint, 'transformer' | 'format' | 'url'>): Transformer =>
  REGISTRY.forEndpoint(endpoint);
/** The transformer that reads a format's own models list; none for CUSTOM. */
export const transformerOfFormat = (format: ApiFormat): TransformerName | undefined => REGISTRY.defaultFor(format);
/** The API format of the list a transformer reads. */
export const formatOfTransformer = (name: TransformerName): ApiFormat => REGISTRY.transformer(name).format;
export const getSource = (name: SourceName): SourceDescriptor => REGISTRY.source(name);
/**
 * The capabilities a provider's own list says yes or no to: those every one of its endpoints'
 * transformers speaks about, since an entry comes from one endpoint and says nothing of another's.
 */
export function capabilityVocabularyOf(endpoints: readonly Pick<ModelsApiEndpoint, 'transformer' | 'format' | 'url'>[]): CapabilityVocabulary {
  const lists = endpoints.map((endpoint) => {
    const name = endpoint.transformer ?? REGISTRY.defaultFor(endpoint.format);
    return name === undefined ? [] : REGISTRY.transformer(name).capabilityVocabulary;
  });
  const [first = [], ...rest] = lists;
  return first.filter((cap) => rest.every((list) => list.includes(cap)));
}

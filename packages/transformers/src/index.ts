export { NormalizedModelSchema, type NormalizedModel } from './normalized-model.ts';
export type { TransformResult, TransformWarning, Transformer } from './result.ts';
export { UpstreamErrorBody } from './upstream-error.ts';
export { entriesOf, isRecord } from './envelope.ts';
export {
  capabilityVocabularyOf,
  formatOfTransformer,
  getSource,
  getTransformer,
  REGISTRY,
  REGISTRY_ENTRIES,
  transformerForEndpoint,
  transformerOfFormat,
} from './registry.ts';
export {
  type CapabilityVocabulary,
  createRegistry,
  type RegistryEntry,
  type SourceDescriptor,
  type TransformerDescriptor,
  type TransformerRegistry,
} from './descriptor.ts';
export * from './sources/index.ts';
export { transformAiHubMix } from './formats/aihubmix.ts';
export { transformAnthropic } from './formats/anthropic.ts';
export { transformGemini } from './formats/gemini.ts';
export { transformOllama } from './formats/ollama.ts';
export { transformOpenAi } from './formats/openai.ts';
export { transformOpenRouter } from './formats/openrouter.ts';

export { NormalizedModelSchema, type NormalizedModel } from './normalized-model.ts';
export type { TransformResult, TransformWarning, Transformer } from './result.ts';
export { UpstreamErrorBody } from './upstream-error.ts';
export { transformOpenRouter } from './formats/openrouter.ts';

export { parseLiteLlm } from './litellm.ts';
export { parseModelsDev } from './models-dev.ts';
export { catalogProviderId } from './provider-map.ts';
export { MAX_PLAUSIBLE_PER_MILLION } from './prices.ts';
export type { SourceName, SourceParseOptions, SourceParser, SourceResult, SourceWarning } from './types.ts';

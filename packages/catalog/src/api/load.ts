import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadValidCatalog } from '../io/load-valid.ts';
import type { Catalog } from '../io/read.ts';
import { type CatalogIndex, indexCatalog, resolveModel, type ResolvedModel } from '../resolve.ts';
import type { Provider } from '../schema/provider.ts';
import { type CostEstimate, type CostRequest, estimateCost } from './cost.ts';
import { isValidModel, type ModelOffering, providersFor } from './offerings.ts';

declare const __LLM_CATALOG_BUNDLED_DATA_DIR__: string | undefined;

/**
 * The catalog shipped with the library, found from this file so it works from any cwd: the copy the
 * package build puts beside the compiled code (`dist/data/`), else, running from source in the
 * repository, the committed `data/` directory. The repository's CLI launcher runs a bundle that lives
 * elsewhere, so it defines the directory.
 */
const bundledDataDirs = [new URL('../data/', import.meta.url), new URL('../../../../data/', import.meta.url)].map((url) =>
  fileURLToPath(url),
);
export const BUNDLED_DATA_DIR =
  typeof __LLM_CATALOG_BUNDLED_DATA_DIR__ === 'string'
    ? __LLM_CATALOG_BUNDLED_DATA_DIR__
    : (bundledDataDirs.find((dir) => existsSync(`${dir}providers.json`)) ?? (bundledDataDirs.at(-1) as string));

/** The catalog as application code uses it: lookups over one loaded, validated snapshot. */
export interface CatalogLibrary {
  readonly catalog: Catalog;
  readonly index: CatalogIndex;
  provider(id: string): Provider | undefined;
  /** The model as `provider` serves it (overrides applied), or undefined when it does not list it. */
  resolveModel(provider: string, model: string): ResolvedModel | undefined;
  /** The providers serving `model`, cheapest input price first, disabled offerings left out. */
  providersFor(model: string): ModelOffering[];
  /** True when `provider` serves `model` and has not disabled it. */
  isValidModel(provider: string, model: string): boolean;
  /** What one request costs; throws `CostEstimateError` when a needed price is unknown. */
  estimateCost(request: CostRequest): CostEstimate;
}

/** Wraps an in-memory catalog (already validated by the caller) in the library interface. */
export function createCatalogLibrary(catalog: Catalog): CatalogLibrary {
  const index = indexCatalog(catalog);
  return {
    catalog,
    index,
    provider: (id) => index.providers.get(id),
    resolveModel: (provider, model) => resolveModel(index, provider, model)?.model,
    providersFor: (model) => providersFor(index, model),
    isValidModel: (provider, model) => isValidModel(index, provider, model),
    estimateCost: (request) => estimateCost(index, request),
  };
}

/**
 * Loads a data directory (the bundled catalog when `dir` is omitted), failing with a
 * `CatalogLoadError` on anything `catalog validate` reports as an error.
 */
export async function loadCatalog(dir: string = BUNDLED_DATA_DIR): Promise<CatalogLibrary> {
  const { catalog } = await loadValidCatalog(dir);
  return createCatalogLibrary(catalog);
}

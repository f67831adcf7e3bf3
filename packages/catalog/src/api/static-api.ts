import { stableJson } from '../canonical.ts';
import type { Catalog } from '../io/read.ts';
import { generatedJsonSchemas } from '../json-schema.ts';
import { indexCatalog } from '../resolve.ts';
import type { DataFileKind } from '../schema/files.ts';
import { buildResolvedCatalog } from './build.ts';
import { encodeIdForFileName } from './file-names.ts';
import { buildModelDocument } from './model-document.ts';

/** Bumped when a file of the static API changes shape in a way a consumer must know about. */
export const STATIC_API_FORMAT = 1;

/** `index.json`: what the directory holds and how fresh it is. */
export interface StaticApiIndex {
  format: number;
  /** The newest of the data files' versions. */
  version: string;
  versions: Partial<Record<DataFileKind, string>>;
  counts: { providers: number; models: number; offerings: number };
  /** When each provider's list-models API was last synced, for the providers ever synced. */
  last_synced: Record<string, string>;
  files: {
    api: string;
    providers: Record<string, string>;
    models: Record<string, string>;
    schemas: string[];
  };
}

/** The newest of the data files' versions (`YYYY.MM.DD` sorts as text). */
export function newestVersion(versions: Partial<Record<DataFileKind, string>>): string {
  return Object.values(versions).sort().at(-1) ?? '';
}

export const providerDocumentPath = (id: string): string => `providers/${encodeIdForFileName(id)}.json`;
export const modelDocumentPath = (id: string): string => `models/${encodeIdForFileName(id)}.json`;

/**
 * Every file of the static JSON API, keyed by path relative to its directory: `api.json` (the whole
 * resolved catalog), `providers/<id>.json`, `models/<id>.json` (see `buildModelDocument`),
 * `index.json` and the data files' JSON Schemas. Ids are encoded with `encodeIdForFileName`. Pure:
 * the same catalog and versions give the same bytes.
 */
export function buildStaticApi(catalog: Catalog, versions: Partial<Record<DataFileKind, string>>): Map<string, string> {
  const version = newestVersion(versions);
  const resolved = buildResolvedCatalog(catalog, version);
  const index = indexCatalog(catalog);
  const files = new Map<string, string>();
  files.set('api.json', stableJson(resolved));

  const providerPaths: Record<string, string> = {};
  const lastSynced: Record<string, string> = {};
  let offerings = 0;
  for (const [id, provider] of Object.entries(resolved.providers)) {
    providerPaths[id] = providerDocumentPath(id);
    files.set(providerPaths[id], stableJson(provider));
    offerings += Object.keys(provider.models).length;
    if (provider.models_api?.last_synced) lastSynced[id] = provider.models_api.last_synced;
  }

  const modelPaths: Record<string, string> = {};
  for (const id of [...index.models.keys()].sort()) {
    modelPaths[id] = modelDocumentPath(id);
    files.set(modelPaths[id], stableJson(buildModelDocument(index, id)));
  }

  const schemas = generatedJsonSchemas();
  for (const [path, text] of Object.entries(schemas)) files.set(path, text);

  const summary: StaticApiIndex = {
    format: STATIC_API_FORMAT,
    version,
    versions,
    counts: { providers: catalog.providers.length, models: catalog.models.length, offerings },
    last_synced: lastSynced,
    files: { api: 'api.json', providers: providerPaths, models: modelPaths, schemas: Object.keys(schemas).sort() },
  };
  files.set('index.json', stableJson(summary));
  return files;
}

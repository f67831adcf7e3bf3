import { performance } from 'node:perf_hooks';
import {
  type Catalog,
  compareProviders,
  isReferenceSource,
  outranks,
  type Provider,
  type ReferenceSource,
} from '@llm-catalog/catalog';
import { getSource, type NormalizedModel, type SourceWarning } from '@llm-catalog/transformers';
import { FetchError } from './fetch/errors.ts';
import { DEFAULT_MAX_BYTES, getJson, type HttpOptions, httpOptionsWithDefaults } from './fetch/http.ts';

/** The whole reference file is one body: models.dev's is about 4 MB today, LiteLLM's 1.5 MB. */
const SOURCE_MAX_BYTES = Math.max(DEFAULT_MAX_BYTES, 128 * 1024 * 1024);

export interface SourceLists {
  /** The catalog with the providers the source brought that it did not have yet. */
  catalog: Catalog;
  /** Ids of the providers added to the catalog, sorted. */
  addedProviders: string[];
  /** Per catalog provider, the offerings the source lists for it. */
  lists: Map<string, { models: NormalizedModel[]; warnings: SourceWarning[] }>;
  /** Warnings about entries that name no catalog provider. */
  unplaced: SourceWarning[];
  durationMs: number;
}

export type SourceHttpOptions = Partial<Omit<HttpOptions, 'random'>>;

/** Fetches a reference source's live file (public, no key). */
export async function fetchSourceBody(source: ReferenceSource, http: SourceHttpOptions = {}): Promise<unknown> {
  const { url } = getSource(source);
  return getJson(
    { providerId: source, url, headers: {}, query: {}, secrets: [] },
    httpOptionsWithDefaults({ maxBytes: SOURCE_MAX_BYTES, ...http }),
  );
}

/**
 * A provider entry a reference source added is credited (`metadata.source`) to the source that
 * added it; when a higher-precedence source lists it too, the credit moves to that source, so the
 * entry does not depend on which source was imported first. A person's entry has no such credit.
 */
function creditedProvider(provider: Provider, source: ReferenceSource): Provider {
  const owner = provider.metadata?.source;
  if (typeof owner !== 'string' || !isReferenceSource(owner) || owner === source || !outranks(source, owner)) return provider;
  return { ...provider, metadata: { ...provider.metadata, source } };
}

/**
 * Reads a reference source's body into per-provider lists. Providers the source lists that the
 * catalog lacks are added as the parser built them (never replacing an existing entry, which may be
 * a person's). A body that is not the source's shape at all fails the whole import.
 */
export function sourceListsFromBody(source: ReferenceSource, body: unknown, catalog: Catalog): SourceLists {
  const start = performance.now();
  const known = new Set(catalog.providers.map((p) => p.id));
  let parsed: ReturnType<ReturnType<typeof getSource>['parse']>;
  try {
    parsed = getSource(source).parse(body, { known_providers: known });
  } catch (err) {
    throw new FetchError(source, 'body', `unexpected body: ${err instanceof Error ? err.message : String(err)}`);
  }
  const added: Provider[] = parsed.providers
    .filter((p) => !known.has(p.id))
    .map((p) => ({ ...p, metadata: { ...p.metadata, source } }));
  const listed = new Set([...Object.keys(parsed.offerings), ...parsed.providers.map((p) => p.id)]);
  const credited = catalog.providers.map((p) => (listed.has(p.id) ? creditedProvider(p, source) : p));
  const providers = [...credited, ...added].sort(compareProviders);
  const ids = new Set(providers.map((p) => p.id));
  const lists = new Map<string, { models: NormalizedModel[]; warnings: SourceWarning[] }>();
  for (const id of Object.keys(parsed.offerings).sort()) {
    if (ids.has(id)) lists.set(id, { models: parsed.offerings[id] ?? [], warnings: [] });
  }
  const unplaced: SourceWarning[] = [];
  for (const w of parsed.warnings) {
    const list = w.provider_id !== undefined ? lists.get(w.provider_id) : undefined;
    if (list) list.warnings.push(w);
    else unplaced.push(w);
  }
  return {
    catalog: { ...catalog, providers },
    addedProviders: added.map((p) => p.id).sort(),
    lists,
    unplaced,
    durationMs: Math.round(performance.now() - start),
  };
}

/**
 * The date that stands for "now" in a run from recorded data, so that the same commands give the
 * same bytes on any day: the newest as-of date of any fact in the catalog, and never before the
 * run's own as-of date. It versions the files the run writes.
 */
export function catalogClockOf(catalog: Catalog, asOf: string): Date {
  let newest = asOf;
  const consider = (date: string | undefined) => {
    if (date !== undefined && date > newest) newest = date;
  };
  for (const m of catalog.models) for (const p of Object.values(m.metadata?.provenance ?? {})) consider(p.as_of);
  for (const o of catalog.overrides) consider(o.provenance?.as_of);
  return new Date(`${newest.length === 7 ? `${newest}-01` : newest}T00:00:00Z`);
}

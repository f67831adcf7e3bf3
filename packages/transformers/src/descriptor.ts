import type { ApiFormat, Capability, TransformerName } from '@llm-catalog/catalog';
import { type EntryFormat, transformEntries } from './entries.ts';
import { entriesOf } from './envelope.ts';
import type { Transformer } from './result.ts';
import type { SourceName, SourceParser } from './sources/types.ts';

/**
 * Everything the code knows about one list-models body format, in the file that reads it: the
 * registry, the provider schema's transformer names, URL detection and the CLI options derive from it.
 */
export interface TransformerDescriptor<N extends string = TransformerName> {
  kind: 'transformer';
  name: N;
  /** The API format whose models list this transformer reads. */
  format: ApiFormat;
  /** It reads the list of an endpoint of `format` that names no transformer (one per format). */
  defaultForFormat?: true;
  transform: Transformer;
  /** `query`: a body may name the query of its next page (`nextPage`); `none`: one body holds the whole list. */
  paging: 'none' | 'query';
  capabilityVocabulary: CapabilityVocabulary;
}

/**
 * The capabilities an entry of a format says yes or no to whenever it states capabilities at all:
 * one of these it does not report, the offering lacks. Anything outside it the format cannot speak
 * about, so its silence removes nothing (a capability another source reported stays).
 */
export type CapabilityVocabulary = readonly Capability[];

/**
 * A reference catalog: one body lists the offerings of many providers, with no paging, so it is a
 * kind of entry of its own beside the list-models transformers.
 */
export interface SourceDescriptor {
  kind: 'source';
  name: SourceName;
  /** Where the live body is read, without a key. */
  url: string;
  /** The license the source publishes its data under, for the credits. */
  license: string;
  parse: SourceParser;
  capabilityVocabulary: CapabilityVocabulary;
}

/**
 * The descriptor of a format whose body lists one entry per model (all of ours): its transform reads
 * the list with `format` (or with the format built from the whole list), and `nextPage` reads the
 * query of the next page from the body, when the format pages.
 */
export function entriesTransformer<T>(
  meta: Pick<TransformerDescriptor, 'name' | 'format' | 'defaultForFormat' | 'capabilityVocabulary'>,
  format: EntryFormat<T> | ((entries: readonly unknown[]) => EntryFormat<T>),
  nextPage?: (body: unknown) => Record<string, string> | undefined,
): TransformerDescriptor {
  const transform: Transformer = (body) => {
    const entries = entriesOf(body);
    const result = transformEntries(entries, typeof format === 'function' ? format(entries) : format);
    const query = nextPage?.(body);
    return query === undefined ? result : { ...result, nextPage: { query } };
  };
  return { kind: 'transformer', ...meta, transform, paging: nextPage ? 'query' : 'none' };
}

export type RegistryEntry<N extends string = TransformerName> = TransformerDescriptor<N> | SourceDescriptor;

export interface TransformerRegistry<N extends string> {
  /** Transformer names in list order. */
  names: readonly N[];
  transformer(name: N): TransformerDescriptor<N>;
  /** The transformer an endpoint of `format` gets when it names none; undefined for CUSTOM. */
  defaultFor(format: ApiFormat): N | undefined;
  /** The endpoint's `transformer`, else the default of its `format`. */
  forEndpoint(endpoint: { transformer?: N; format: ApiFormat; url: string }): Transformer;
  source(name: SourceName): SourceDescriptor;
  sources: readonly SourceDescriptor[];
}

/** The lookups every package uses, derived from one list of descriptors. */
export function createRegistry<N extends string>(entries: readonly RegistryEntry<N>[]): TransformerRegistry<N> {
  const transformers = new Map<N, TransformerDescriptor<N>>();
  const defaults = new Map<ApiFormat, N>();
  const sources = new Map<SourceName, SourceDescriptor>();
  for (const entry of entries) {
    if (entry.kind === 'source') {
      sources.set(entry.name, entry);
      continue;
    }
    if (transformers.has(entry.name)) throw new Error(`two transformers are named "${entry.name}"`);
    transformers.set(entry.name, entry);
    if (entry.defaultForFormat) {
      if (defaults.has(entry.format)) throw new Error(`two transformers are the default for ${entry.format}`);
      defaults.set(entry.format, entry.name);
    }
  }
  const transformer = (name: N) => {
    const found = transformers.get(name);
    if (!found) throw new Error(`unknown transformer "${name}"`);
    return found;
  };
  return {
    names: [...transformers.keys()],
    transformer,
    defaultFor: (format) => defaults.get(format),
    forEndpoint(endpoint) {
      const name = endpoint.transformer ?? defaults.get(endpoint.format);
      if (name === undefined) {
        throw new Error(`${endpoint.url}: a ${endpoint.format} endpoint needs a "transformer" naming its body format`);
      }
      return transformer(name).transform;
    },
    source(name) {
      const found = sources.get(name);
      if (!found) throw new Error(`unknown source "${name}"`);
      return found;
    },
    sources: [...sources.values()],
  };
}

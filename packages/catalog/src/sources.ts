import type { Catalog } from './io/read.ts';
import { isManualOverride, MANUAL_PRIORITY } from './schema/override.ts';

/**
 * The reference catalogs an import reads: offerings of many providers, with prices and limits, and
 * no list API of their own.
 */
export const REFERENCE_SOURCES = ['models.dev', 'litellm'] as const;
export type ReferenceSource = (typeof REFERENCE_SOURCES)[number];

/**
 * The one precedence table of offering facts. Each source writes its auto overrides at its band's
 * priority and replaces only that band for a provider, so one source never erases or shadows what
 * another reported. Resolution applies overrides in ascending priority, so for a provider's offering
 * its own list API (`sync <id>`, or `import openrouter|aihubmix` for an aggregator's own offerings)
 * wins over models.dev, which wins over LiteLLM, which wins over the base model; a person's manual
 * override (priority >= 100) wins over all of them.
 */
export const SOURCE_BANDS = {
  litellm: 10,
  'models.dev': 20,
  provider: 50,
} as const satisfies Record<ReferenceSource | 'provider', number>;

const BAND_STARTS = [...new Set(Object.values(SOURCE_BANDS))].sort((a, b) => b - a);

export const isReferenceSource = (source: string): source is ReferenceSource =>
  (REFERENCE_SOURCES as readonly string[]).includes(source);

/** The priority at which `source` writes its auto overrides: a reference source's band, else the provider's own. */
export const bandOf = (source: string): number => (isReferenceSource(source) ? SOURCE_BANDS[source] : SOURCE_BANDS.provider);

/**
 * The band an auto override's priority falls in: each band runs up to the next one. Priorities below
 * the lowest band were written before bands existed, by a provider's own sync, so they are its band.
 * Undefined for a manual priority.
 */
export function bandOfPriority(priority: number): number | undefined {
  if (priority >= MANUAL_PRIORITY) return undefined;
  return BAND_STARTS.find((start) => priority >= start) ?? SOURCE_BANDS.provider;
}

/**
 * Which source's value a base model keeps when several report the same fact, highest first. The
 * aggregators' imports are authoritative for base facts; a provider's own list ranks below every
 * name here. A fixed, total order makes a base fact the same whichever order the sources ran in.
 */
export const BASE_FACT_PRECEDENCE = ['openrouter', 'aihubmix', 'models.dev', 'litellm'] as const;

/** The aggregators whose import covers their own offerings and, first in precedence, base facts. */
export const AGGREGATOR_IMPORTERS = ['openrouter', 'aihubmix'] as const satisfies readonly (typeof BASE_FACT_PRECEDENCE)[number][];

const baseRank = (source: string) => {
  const i = (BASE_FACT_PRECEDENCE as readonly string[]).indexOf(source);
  return i === -1 ? BASE_FACT_PRECEDENCE.length : i;
};

/**
 * Whether `source` may take over a base fact `owner` wrote: its own, or one of a lower-precedence
 * source. Two providers' own lists rank alike, so the one whose id sorts first wins, in any order.
 */
export function outranks(source: string, owner: string): boolean {
  if (source === owner) return true;
  const bySource = baseRank(source);
  const byOwner = baseRank(owner);
  if (bySource !== byOwner) return bySource < byOwner;
  return source < owner;
}

/**
 * The part of a catalog a person wrote, which the sources' imports build on: providers no reference
 * source added, base models no source created (or that a person's override points at), manual
 * overrides, and a person's links. Rebuilding the rest from the same recorded bodies gives the same
 * catalog (`scripts/build-data.sh`).
 */
export function seedOf(catalog: Catalog): Catalog {
  const providers = catalog.providers.filter((p) => {
    const source = p.metadata?.source;
    return !(typeof source === 'string' && isReferenceSource(source));
  });
  const overrides = catalog.overrides.filter(isManualOverride);
  const pointedAt = new Set(overrides.flatMap((o) => [o.model_id, ...(o.replace_with ? [o.replace_with] : [])]));
  const models = catalog.models.filter((m) => {
    const source = m.metadata?.source;
    return source === undefined || source === 'manual' || pointedAt.has(m.id);
  });
  return { ...catalog, providers, models, overrides };
}

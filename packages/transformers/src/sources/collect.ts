import { byCodePoint, type Provider } from '@llm-catalog/catalog';
import { finishModel } from '../entries.ts';
import type { NormalizedModel } from '../normalized-model.ts';
import type { SourceResult, SourceWarning } from './types.ts';

/** How a parser reports on the entry it is reading. */
export interface EntryReport {
  /** One field was left out; the entry stays. */
  warn: (message: string) => void;
  /** The whole entry is to be skipped (an implausible price, say). */
  reject: (message: string) => void;
}

/** Where one entry of a source body goes, and how it is named in warnings. */
export interface EntryPlace {
  provider_id: string;
  source_provider: string;
  key: string;
}

/** An entry named before its catalog provider is known, or that maps to none. */
type SkipPlace = Partial<EntryPlace> & { key: string };

const compareOfferings = (a: NormalizedModel, b: NormalizedModel) =>
  byCodePoint(a.provider_model_id, b.provider_model_id) || byCodePoint(a.variant ?? '', b.variant ?? '');

/** One entry read by `build`: the finished model and what it left out, or why the whole entry is skipped. */
function readEntry(
  build: (report: EntryReport) => NormalizedModel,
): { model: NormalizedModel; fieldWarnings: string[] } | { skipped: string } {
  const fieldWarnings: string[] = [];
  const rejections: string[] = [];
  const report: EntryReport = { warn: (m) => fieldWarnings.push(m), reject: (m) => rejections.push(m) };
  let finished: ReturnType<typeof finishModel>;
  try {
    finished = finishModel(build(report), report.warn);
  } catch (err) {
    return { skipped: `the entry could not be read (${err instanceof Error ? err.message : String(err)})` };
  }
  if (rejections.length > 0) return { skipped: rejections.join('; ') };
  if ('invalid' in finished) return { skipped: finished.invalid };
  return { model: finished.model, fieldWarnings };
}

/**
 * Gathers the offerings a source parser reads, per catalog provider. Every entry either lands as one
 * valid offering or is skipped with a warning that names it; an offering a provider already has
 * (same provider spelling and variant, from another key of the body) is skipped naming the first.
 */
export function createCollector() {
  const offerings = new Map<string, Map<string, { model: NormalizedModel; key: string }>>();
  const warnings: SourceWarning[] = [];

  const warning = (place: SkipPlace, message: string, skipped = false): void => {
    warnings.push({
      ...(place.source_provider === undefined ? {} : { source_provider: place.source_provider }),
      ...(place.provider_id === undefined ? {} : { provider_id: place.provider_id }),
      key: place.key,
      message,
      ...(skipped ? { skipped } : {}),
    });
  };

  return {
    /** An entry skipped before it was read (no provider, not a model, ...). */
    skip(place: SkipPlace, reason: string): void {
      warning(place, `skipped: ${reason}`, true);
    },

    /** Reads one entry with `build`, which reports on the fields it leaves out. */
    add(place: EntryPlace, build: (report: EntryReport) => NormalizedModel): void {
      const read = readEntry(build);
      if ('skipped' in read) {
        warning(place, `skipped: ${read.skipped}`, true);
        return;
      }
      const { model, fieldWarnings } = read;
      let byOffering = offerings.get(place.provider_id);
      if (!byOffering) offerings.set(place.provider_id, (byOffering = new Map()));
      const offeringKey = `${model.provider_model_id}\u0000${model.variant ?? ''}`;
      const first = byOffering.get(offeringKey);
      if (first) {
        warning(place, `skipped: ${place.provider_id} already has "${model.provider_model_id}" from ${first.key}`, true);
        return;
      }
      byOffering.set(offeringKey, { model, key: place.key });
      for (const message of fieldWarnings) warning(place, message);
    },

    result(providers: readonly Provider[]): SourceResult {
      const out: Record<string, NormalizedModel[]> = {};
      for (const id of [...offerings.keys()].sort(byCodePoint)) {
        out[id] = [...(offerings.get(id)?.values() ?? [])].map((o) => o.model).sort(compareOfferings);
      }
      return {
        offerings: out,
        // A provider all of whose entries were skipped is not worth an entry.
        providers: providers.filter((p) => offerings.has(p.id)).sort((a, b) => byCodePoint(a.id, b.id)),
        warnings,
      };
    },
  };
}

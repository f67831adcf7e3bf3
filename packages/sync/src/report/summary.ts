import { plural } from '@llm-catalog/catalog';
import type { ChangeReport } from './types.ts';

/** `+12 models, -3, 5 price changes across 4 providers`: the one line that names a change. */
export function summarizeChanges(report: ChangeReport): string {
  const t = report.totals;
  const parts: string[] = [];
  if (t.providers_changed > 0) {
    const kinds = [`+${plural(t.models_added, 'model')}`, `-${t.models_removed}`];
    if (t.price_changes > 0) kinds.push(plural(t.price_changes, 'price change'));
    if (t.limit_changes > 0) kinds.push(plural(t.limit_changes, 'limit change'));
    if (t.capability_changes > 0) kinds.push(plural(t.capability_changes, 'capability change'));
    if (t.availability_changes > 0) kinds.push(plural(t.availability_changes, 'availability change'));
    parts.push(`${kinds.join(', ')} across ${plural(t.providers_changed, 'provider')}`);
  }
  const { provider_entries: pe, base_models: bm } = report;
  if (pe.added.length || pe.removed.length) parts.push(`providers +${pe.added.length}, -${pe.removed.length}`);
  // New offerings usually bring their base models; name base models only when nothing else explains them.
  if (t.providers_changed === 0 && (bm.added.length || bm.removed.length)) {
    parts.push(`base models +${bm.added.length}, -${bm.removed.length}`);
  }
  if (bm.dates.length) parts.push(plural(bm.dates.length, 'end-of-life date change'));
  return parts.length ? parts.join('; ') : 'no changes';
}

export function hasCatalogEntryChanges(report: ChangeReport): boolean {
  const e = report.provider_entries;
  const b = report.base_models;
  return e.added.length + e.removed.length + b.added.length + b.removed.length + b.dates.length > 0;
}

/**
 * Where the comparison runs from and to, for headings: `HEAD -> work tree`, or undefined when the
 * report names no ref (a sync compares the catalog before and after itself).
 */
export function rangeLabel(report: ChangeReport, quote: (ref: string) => string = (ref) => ref): string | undefined {
  if (report.from === undefined && report.to === undefined) return undefined;
  return `${report.from === undefined ? 'before' : quote(report.from)} -> ${report.to === undefined ? 'work tree' : quote(report.to)}`;
}

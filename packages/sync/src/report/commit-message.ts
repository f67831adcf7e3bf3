import { plural } from '@llm-catalog/catalog';
import { formatPercent } from './price-text.ts';
import { summarizeChanges } from './summary.ts';
import type { ChangeReport } from './types.ts';

/** Body lines beyond this are summarized: a commit message is read in `git log`, not scrolled. */
export const COMMIT_BODY_MAX_LINES = 30;

/**
 * `catalog: +12 models, -3, 5 price changes across 4 providers`, then a short body: risk flags first,
 * then one line per changed provider.
 */
export function commitMessageFor(report: ChangeReport): string {
  const lines: string[] = [];
  for (const r of report.risks) {
    const where = [r.provider_id, r.model_id].filter(Boolean).join('/');
    lines.push(`! ${where ? `${where}: ` : ''}${r.message}`);
  }
  for (const p of report.providers) {
    const parts: string[] = [];
    if (p.added.length) parts.push(`+${p.added.length}`);
    if (p.removed.length) parts.push(`-${p.removed.length}`);
    if (p.prices.length) {
      const pcts = p.prices.flatMap((c) => (c.change_pct === undefined ? [] : [c.change_pct]));
      const [low, high] = [Math.min(...pcts), Math.max(...pcts)];
      const range = !pcts.length ? '' : low === high ? ` (${formatPercent(low)})` : ` (${formatPercent(low)} .. ${formatPercent(high)})`;
      parts.push(`${plural(p.prices.length, 'price change')}${range}`);
    }
    if (p.limits.length) parts.push(plural(p.limits.length, 'limit change'));
    if (p.capabilities.length) parts.push(plural(p.capabilities.length, 'capability change'));
    if (p.disabled.length) parts.push(`${p.disabled.length} disabled`);
    if (p.enabled.length) parts.push(`${p.enabled.length} re-enabled`);
    lines.push(`${p.id}: ${parts.join(', ')}`);
  }
  const { provider_entries: pe, base_models: bm } = report;
  if (pe.added.length) lines.push(`providers added: ${pe.added.join(', ')}`);
  if (pe.removed.length) lines.push(`providers removed: ${pe.removed.join(', ')}`);
  if (bm.added.length || bm.removed.length) lines.push(`base models: +${bm.added.length}, -${bm.removed.length}`);
  const shown = lines.slice(0, COMMIT_BODY_MAX_LINES);
  if (lines.length > shown.length) shown.push(`... and ${lines.length - shown.length} more lines (catalog diff)`);
  const subject = `catalog: ${summarizeChanges(report)}`;
  return shown.length ? `${subject}\n\n${shown.join('\n')}\n` : `${subject}\n`;
}

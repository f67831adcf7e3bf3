import { formatCount, plural } from '@llm-catalog/catalog';
import { formatPercent, formatPriceSide, priceLabel } from './price-text.ts';
import { rangeLabel, summarizeChanges } from './summary.ts';
import type { ChangeReport } from './types.ts';

/** Colors for terminal output; the CLI passes picocolors when color is allowed, otherwise nothing. */
export interface TextStyle {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
}

const plain = (s: string) => s;
export const PLAIN_STYLE: TextStyle = { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };

/** The report for a terminal: every change, one per line, risks first. */
export function renderText(report: ChangeReport, style: TextStyle = PLAIN_STYLE): string {
  const out: string[] = [];
  const range = rangeLabel(report);
  out.push(style.bold(`catalog changes${range ? ` ${range}` : ''}: ${summarizeChanges(report)}`));
  if (report.risks.length) {
    out.push('', style.red(style.bold(`risk flags (${report.risks.length})`)));
    for (const r of report.risks) {
      const where = [r.provider_id, r.model_id].filter(Boolean).join(' ');
      out.push(`  ${style.red('!')} ${where ? `${where}: ` : ''}${r.message}`);
    }
  }
  for (const p of report.providers) {
    out.push('', style.bold(`${p.id}`) + style.dim(` (${p.models_before} -> ${p.models_after} models)`));
    for (const id of p.added) out.push(`  ${style.green('+')} ${id}`);
    for (const id of p.removed) out.push(`  ${style.red('-')} ${id}`);
    for (const id of p.disabled) out.push(`  ${style.yellow('disabled')} ${id}`);
    for (const id of p.enabled) out.push(`  ${style.green('enabled')} ${id}`);
    for (const c of p.prices) {
      const pct = c.change_pct === undefined ? '' : ` (${formatPercent(c.change_pct)})`;
      const move = `${formatPriceSide(c, 'old') ?? 'none'} -> ${formatPriceSide(c, 'new') ?? 'none'}`;
      out.push(`  ${style.yellow('~')} ${c.model_id} ${priceLabel(c)}: ${move}${pct}`);
    }
    for (const c of p.limits) {
      const fmt = (n: number | undefined) => (n === undefined ? 'none' : formatCount(n));
      out.push(`  ${style.yellow('~')} ${c.model_id} ${c.key}: ${fmt(c.old)} -> ${fmt(c.new)}`);
    }
    for (const c of p.capabilities) {
      const parts = [...c.added.map((x) => `+${x}`), ...c.removed.map((x) => `-${x}`)];
      out.push(`  ${style.yellow('~')} ${c.model_id} capabilities: ${parts.join(' ')}`);
    }
  }
  const { provider_entries: pe, base_models: bm } = report;
  const entryLines: string[] = [];
  if (pe.added.length) entryLines.push(`  providers added: ${pe.added.join(', ')}`);
  if (pe.removed.length) entryLines.push(`  providers removed: ${pe.removed.join(', ')}`);
  if (bm.added.length) entryLines.push(`  base models added (${bm.added.length}): ${bm.added.join(', ')}`);
  if (bm.removed.length) entryLines.push(`  base models removed (${bm.removed.length}): ${bm.removed.join(', ')}`);
  for (const d of bm.dates) entryLines.push(`  ${style.yellow('~')} ${d.model_id} ${d.key}: ${d.old ?? 'none'} -> ${d.new ?? 'none'}`);
  if (entryLines.length) out.push('', style.bold('catalog entries'), ...entryLines);
  const t = report.totals;
  out.push(
    '',
    style.dim(
      `totals: ${plural(t.providers_changed, 'provider')} changed, +${t.models_added} -${t.models_removed} models, ` +
        `${plural(t.price_changes, 'price change')}, ${plural(t.limit_changes, 'limit change')}, ` +
        `${plural(t.capability_changes, 'capability change')}, ${plural(t.availability_changes, 'availability change')}, ` +
        `${plural(t.risk_flags, 'risk flag')}`,
    ),
  );
  return `${out.join('\n')}\n`;
}

import { type ColumnAlign, fileName, formatDisagreement, joinColumns, padColumns } from '@llm-catalog/catalog';
import { type ProviderRunSummary, type SyncRunResult, warningText } from '@llm-catalog/sync';
import type { Colors } from '../context.ts';

const HEADER = ['provider', 'status', 'fetched', 'added', 'changed', 'removed', 'seconds'] as const;

function row(p: ProviderRunSummary): string[] {
  const ran = p.status !== 'skipped';
  const merged = p.status === 'updated' || p.status === 'unchanged';
  const count = (n: number) => (merged ? String(n) : '-');
  return [
    p.id,
    p.status,
    merged || p.fetched > 0 ? String(p.fetched) : '-',
    count(p.added.length),
    count(p.changed.length),
    count(p.removed.length),
    ran ? (p.durationMs / 1000).toFixed(1) : '-',
  ];
}

function totalsRow(result: SyncRunResult): string[] {
  const t = result.totals;
  return [
    'total',
    `${t.providers} provider${t.providers === 1 ? '' : 's'}`,
    String(t.fetched),
    String(t.added),
    String(t.changed),
    String(t.removed),
    (t.durationMs / 1000).toFixed(1),
  ];
}

const STATUS_COLOR: Record<ProviderRunSummary['status'], keyof Colors> = {
  updated: 'green',
  unchanged: 'dim',
  skipped: 'yellow',
  failed: 'red',
};

/** The per-provider table with a totals row: first two columns left-aligned, numbers right-aligned. */
export function renderSummaryTable(result: SyncRunResult, color: Colors): string {
  const rows = [[...HEADER], ...result.providers.map(row), totalsRow(result)];
  const align = HEADER.map((_, i): ColumnAlign => (i < 2 ? 'left' : 'right'));
  const lines = padColumns(rows, align).map((cells, r) =>
    joinColumns(
      cells.map((padded, i) => {
        const provider = result.providers[r - 1];
        if (r === 0 || r === rows.length - 1) return color.bold(padded);
        if (i === 1 && provider) return (color[STATUS_COLOR[provider.status]] as (s: string) => string)(padded);
        return padded;
      }),
    ),
  );
  const t = result.totals;
  const counts = (['updated', 'unchanged', 'skipped', 'failed'] as const)
    .filter((s) => t[s] > 0)
    .map((s) => `${t[s]} ${s}`)
    .join(', ');
  return `${lines.join('\n')}\n${counts || 'no providers'}\n`;
}

/** What happened to the data files, in one line. */
export function describeWrites(result: SyncRunResult): string {
  const names = result.written.map(fileName).join(', ');
  if (result.dryRun) {
    return result.written.length > 0 ? `dry run: would write ${names}; nothing written` : 'dry run: nothing would change';
  }
  return result.written.length > 0 ? `wrote ${names}` : 'nothing changed; no file written';
}

/** Notes and warnings listed in the report before the rest is counted: the report is a PR body. */
const MAX_LISTED = 50;

function listed(items: string[]): string[] {
  if (items.length <= MAX_LISTED) return items;
  return [...items.slice(0, MAX_LISTED), `- ... and ${items.length - MAX_LISTED} more (see \`catalog sync --json\`)`];
}

const mdCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The run, as the Markdown section appended to the change report of `--report`. */
export function renderRunMarkdown(result: SyncRunResult): string {
  const lines = [
    `## Sync run${result.dryRun ? ' (dry run: nothing was written)' : ''}`,
    '',
    '| provider | status | fetched | added | changed | removed | seconds |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...[...result.providers.map(row), totalsRow(result)].map((cells) => `| ${cells.map(mdCell).join(' | ')} |`),
    '',
  ];
  const failed = result.providers.filter((p) => p.status === 'failed');
  const skipped = result.providers.filter((p) => p.status === 'skipped');
  if (failed.length > 0) {
    lines.push('### Failed', '', ...failed.map((p) => `- **${p.id}**: ${mdCell(p.error ?? 'failed')}`), '');
  }
  if (skipped.length > 0) {
    lines.push('### Skipped', '', ...skipped.map((p) => `- **${p.id}**: ${mdCell(p.reason ?? 'skipped')}`), '');
  }
  const notes = result.providers.flatMap((p) => p.notes.map((n) => `- **${p.id}**: ${mdCell(n.message)}`));
  if (notes.length > 0) lines.push('### Notes', '', ...listed(notes), '');
  const warnings = result.providers.flatMap((p) => p.warnings.map((w) => `- **${p.id}**: ${mdCell(warningText(w))}`));
  if (warnings.length > 0) lines.push('### Entries skipped or read in part', '', ...listed(warnings), '');
  const disagreements = result.newDisagreements.map((d) => `- ${mdCell(formatDisagreement(d))}`);
  if (disagreements.length > 0) lines.push('### New disagreements between sources', '', ...listed(disagreements), '');
  lines.push(describeWrites(result), '');
  return lines.join('\n');
}

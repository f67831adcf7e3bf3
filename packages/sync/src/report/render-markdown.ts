import { formatCount, plural } from '@llm-catalog/catalog';
import { formatPercent, formatPriceSide, priceLabel } from './price-text.ts';
import { hasCatalogEntryChanges, rangeLabel, summarizeChanges } from './summary.ts';
import type { ChangeReport, ProviderChanges, RiskFlag, RiskKind } from './types.ts';

/** GitHub rejects pull-request bodies longer than this. */
export const PR_BODY_MAX_CHARS = 65_536;
/** Lists and tables longer than this fold into a collapsible `<details>` section. */
export const COLLAPSE_AFTER = 10;

const RISK_LABEL: Record<RiskKind, string> = {
  'price-to-zero': 'price dropped to 0',
  'price-move': 'price moved > 50 %',
  'context-shrank': 'context window shrank',
  'provider-lost-models': 'provider lost models',
  'orphaned-override': 'orphaned manual override',
  'base-model-unserved': 'base model without provider',
  'capability-lost': 'capability lost',
  'shutdown-sooner': 'shutdown sooner',
};

/**
 * The markdown body as pieces the size bound may drop. A `text` piece is kept or dropped whole; a
 * `rows` piece (a table or a list) may keep its first rows and drop the rest, but always closes.
 * `items` counts the changes a piece shows, for the "N more changes not shown" line.
 */
type Piece =
  | { kind: 'text'; text: string; items: number; /** dropped unless the next piece fits too */ heading?: boolean }
  | { kind: 'rows'; open: string; rows: string[]; close: string };

const code = (s: string) => (s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``);
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |\n`;
const tableHead = (cells: string[]) => row(cells) + row(cells.map(() => '---'));
const dash = '—';

/** A table, folded into `<details>` when it is long. */
function table(title: string, head: string[], rows: string[]): Piece {
  const fold = rows.length > COLLAPSE_AFTER;
  const open = fold
    ? `<details><summary>${title} (${rows.length})</summary>\n\n${tableHead(head)}`
    : `**${title}**\n\n${tableHead(head)}`;
  return { kind: 'rows', open, rows, close: fold ? '\n</details>\n\n' : '\n' };
}

/** A list of ids: inline when short, a folded bullet list when long. */
function idList(title: string, ids: string[]): Piece {
  if (ids.length <= COLLAPSE_AFTER) {
    return { kind: 'text', text: `**${title} (${ids.length}):** ${ids.map(code).join(', ')}\n\n`, items: ids.length };
  }
  return {
    kind: 'rows',
    open: `<details><summary>${title} (${ids.length})</summary>\n\n`,
    rows: ids.map((id) => `- ${code(id)}\n`),
    close: '\n</details>\n\n',
  };
}

function riskPieces(risks: RiskFlag[]): Piece[] {
  if (risks.length === 0) return [];
  const rows = risks.map((r) =>
    row([RISK_LABEL[r.kind], r.provider_id ? code(r.provider_id) : dash, r.model_id ? code(r.model_id) : dash, r.message]),
  );
  return [
    { kind: 'text', text: `### ⚠️ Risk flags (${risks.length})\n\n`, items: 0, heading: true },
    { kind: 'rows', open: tableHead(['risk', 'provider', 'model', 'detail']), rows, close: '\n' },
  ];
}

function providerHeadline(p: ProviderChanges): string {
  const parts: string[] = [];
  if (p.added.length) parts.push(`+${p.added.length}`);
  if (p.removed.length) parts.push(`-${p.removed.length}`);
  if (p.prices.length) parts.push(plural(p.prices.length, 'price change'));
  if (p.limits.length) parts.push(plural(p.limits.length, 'limit change'));
  if (p.capabilities.length) parts.push(plural(p.capabilities.length, 'capability change'));
  if (p.disabled.length + p.enabled.length) parts.push(plural(p.disabled.length + p.enabled.length, 'availability change'));
  return `#### ${code(p.id)}: ${parts.join(', ')} (${p.models_before} -> ${p.models_after} models)\n\n`;
}

function providerPieces(p: ProviderChanges): Piece[] {
  const pieces: Piece[] = [{ kind: 'text', text: providerHeadline(p), items: 0, heading: true }];
  if (p.added.length) pieces.push(idList('Added', p.added));
  if (p.removed.length) pieces.push(idList('Removed', p.removed));
  if (p.disabled.length) pieces.push(idList('Disabled', p.disabled));
  if (p.enabled.length) pieces.push(idList('Enabled again', p.enabled));
  if (p.prices.length) {
    const rows = p.prices.map((c) =>
      row([
        code(c.model_id),
        priceLabel(c),
        formatPriceSide(c, 'old') ?? dash,
        formatPriceSide(c, 'new') ?? dash,
        c.change_pct === undefined ? dash : formatPercent(c.change_pct),
      ]),
    );
    pieces.push(table('Prices', ['model', 'price', 'old', 'new', 'change'], rows));
  }
  if (p.limits.length) {
    const fmt = (n: number | undefined) => (n === undefined ? dash : formatCount(n));
    const rows = p.limits.map((c) => row([code(c.model_id), c.key, fmt(c.old), fmt(c.new)]));
    pieces.push(table('Limits', ['model', 'limit', 'old', 'new'], rows));
  }
  if (p.capabilities.length) {
    const list = (xs: string[]) => (xs.length ? xs.join(', ') : dash);
    const rows = p.capabilities.map((c) => row([code(c.model_id), list(c.added), list(c.removed)]));
    pieces.push(table('Capabilities', ['model', 'added', 'removed'], rows));
  }
  return pieces;
}

function catalogEntryPieces(report: ChangeReport): Piece[] {
  if (!hasCatalogEntryChanges(report)) return [];
  const pieces: Piece[] = [{ kind: 'text', text: '### Catalog entries\n\n', items: 0, heading: true }];
  const { provider_entries: pe, base_models: bm } = report;
  if (pe.added.length) pieces.push(idList('Providers added', pe.added));
  if (pe.removed.length) pieces.push(idList('Providers removed', pe.removed));
  if (bm.added.length) pieces.push(idList('Base models added', bm.added));
  if (bm.removed.length) pieces.push(idList('Base models removed', bm.removed));
  if (bm.dates.length) {
    const rows = bm.dates.map((d) => row([code(d.model_id), d.key, d.old ?? dash, d.new ?? dash]));
    pieces.push(table('End-of-life dates', ['model', 'date', 'old', 'new'], rows));
  }
  return pieces;
}

function totalsText(report: ChangeReport): string {
  const t = report.totals;
  const rows: [string, number][] = [
    ['providers changed', t.providers_changed],
    ['models added', t.models_added],
    ['models removed', t.models_removed],
    ['price changes', t.price_changes],
    ['limit changes', t.limit_changes],
    ['capability changes', t.capability_changes],
    ['availability changes', t.availability_changes],
    ['risk flags', t.risk_flags],
  ];
  return `### Totals\n\n${tableHead(['', 'count'])}${rows.map(([k, v]) => row([k, String(v)])).join('')}`;
}

const itemsOf = (p: Piece) => (p.kind === 'text' ? p.items : p.rows.length);
const omittedLine = (n: number) => `_${n} more changes not shown (see \`catalog diff --format json\`)._\n`;

/**
 * Lays pieces out until the next one would pass `budget` characters. What is cut is cut whole: a
 * table keeps its head, some rows and its close, never half a row. Returns the text and how many
 * changes were left out.
 */
function layOut(pieces: Piece[], budget: number): { text: string; omitted: number } {
  let text = '';
  let omitted = 0;
  let full = false;
  const fits = (s: string) => text.length + s.length <= budget;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if (full) {
      omitted += itemsOf(piece);
      continue;
    }
    if (piece.kind === 'text') {
      const next = pieces[i + 1];
      const minimum = piece.heading && next ? piece.text + minimalText(next) : piece.text;
      if (fits(minimum)) text += piece.text;
      else {
        full = true;
        omitted += piece.items;
      }
      continue;
    }
    let kept = 0;
    let body = piece.open;
    while (kept < piece.rows.length && fits(body + (piece.rows[kept] as string) + piece.close)) {
      body += piece.rows[kept] as string;
      kept++;
    }
    if (kept > 0) text += body + piece.close;
    omitted += piece.rows.length - kept;
    if (kept < piece.rows.length) full = true;
  }
  return { text, omitted };
}

/** The least of a piece that can be shown: all of a text, or the head and first row of a table. */
function minimalText(piece: Piece): string {
  return piece.kind === 'text' ? piece.text : piece.open + (piece.rows[0] ?? '') + piece.close;
}

/** The report as a GitHub pull-request body, no longer than `maxChars`. */
export function renderMarkdown(report: ChangeReport, maxChars = PR_BODY_MAX_CHARS): string {
  const range = rangeLabel(report, code);
  const head =
    `## Catalog changes${range ? `: ${range}` : ''}\n\n` +
    `**${summarizeChanges(report)}**` +
    (report.risks.length ? ` · ⚠️ ${plural(report.risks.length, 'risk flag')}` : '') +
    '\n\n';
  const pieces: Piece[] = [
    ...riskPieces(report.risks),
    ...(report.providers.length
      ? [{ kind: 'text', text: '### Providers\n\n', items: 0, heading: true } as Piece]
      : []),
    ...report.providers.flatMap(providerPieces),
    ...catalogEntryPieces(report),
  ];
  const totals = totalsText(report);
  const allItems = pieces.reduce((n, p) => n + itemsOf(p), 0);
  const reserve = head.length + totals.length + omittedLine(allItems).length + 1;
  const { text, omitted } = layOut(pieces, Math.max(0, maxChars - reserve));
  return head + text + totals + (omitted > 0 ? `\n${omittedLine(omitted)}` : '');
}

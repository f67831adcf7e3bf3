import { joinColumns, padColumns } from '@llm-catalog/catalog';

/** A cell is one line: a line break inside a value (a model description) would tear the columns apart. */
const oneLine = (cell: string) => cell.replace(/\s+/g, ' ').trim();

const SEPARATOR_WIDTH = 2;
/** No column is cut narrower than this, even when the table then overflows the terminal. */
const MIN_CELL_WIDTH = 8;

/**
 * The widest a cell may be for rows of these column widths to fit in `width` characters, or
 * undefined when they fit already. Only columns wider than the cap are cut, so one long value (a
 * fine-tune id) shortens its own column instead of stretching every line.
 */
function cellCap(columnWidths: readonly number[], width: number): number | undefined {
  const lineWidth = (cap: number) =>
    columnWidths.reduce((n, w) => n + Math.min(w, cap), 0) + SEPARATOR_WIDTH * (columnWidths.length - 1);
  let cap = Math.max(0, ...columnWidths);
  if (lineWidth(cap) <= width) return undefined;
  while (cap > MIN_CELL_WIDTH && lineWidth(cap) > width) cap--;
  return cap;
}

const cut = (cell: string, cap: number) => (cell.length <= cap ? cell : `${cell.slice(0, cap - 1)}…`);

/**
 * Plain text columns, padded to the widest cell; the last column is not padded. With `width` (the
 * terminal's columns), long cells are cut with `…` so that lines fit; `--json` has the full values.
 */
export function renderTable(
  headers: readonly string[],
  textRows: readonly (readonly string[])[],
  options: { width?: number | undefined } = {},
): string {
  let rows = [headers, ...textRows.map((r) => r.map(oneLine))];
  if (options.width !== undefined) {
    const columns = Math.max(0, ...rows.map((r) => r.length));
    const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
    const cap = cellCap(widths, options.width);
    if (cap !== undefined) rows = rows.map((r) => r.map((cell) => cut(cell, cap)));
  }
  return padColumns(rows)
    .map((cells) => `${joinColumns(cells)}\n`)
    .join('');
}

/** `label  value` lines, labels padded: for one record shown field by field. */
export function renderPairs(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`.trimEnd() + '\n').join('');
}

import { joinColumns, padColumns } from '@llm-catalog/catalog';

/** A cell is one line: a line break inside a value (a model description) would tear the columns apart. */
const oneLine = (cell: string) => cell.replace(/\s+/g, ' ').trim();

/** Plain text columns, padded to the widest cell; the last column is not padded. */
export function renderTable(headers: readonly string[], textRows: readonly (readonly string[])[]): string {
  const rows = [headers, ...textRows.map((r) => r.map(oneLine))];
  return padColumns(rows)
    .map((cells) => `${joinColumns(cells)}\n`)
    .join('');
}

/** `label  value` lines, labels padded: for one record shown field by field. */
export function renderPairs(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`.trimEnd() + '\n').join('');
}

/** A cell is one line: a line break inside a value (a model description) would tear the columns apart. */
const oneLine = (cell: string) => cell.replace(/\s+/g, ' ').trim();

/** Plain text columns, padded to the widest cell; the last column is not padded. */
export function renderTable(headers: readonly string[], textRows: readonly (readonly string[])[]): string {
  const rows = textRows.map((r) => r.map(oneLine));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

/** `label  value` lines, labels padded: for one record shown field by field. */
export function renderPairs(rows: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`.trimEnd() + '\n').join('');
}

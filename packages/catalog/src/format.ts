/** How the catalog's numbers read to a person, the same in the CLI and in change reports. */
import type { TokenPrice } from './schema/pricing.ts';

/** `$2.5` for US dollars, `2.5 EUR` otherwise: prices are shown exactly as stored, never re-rounded. */
export function formatMoney(amount: number, currency = 'USD'): string {
  return currency === 'USD' ? `$${amount}` : `${amount} ${currency}`;
}

/**
 * `128,000`: grouping makes limits readable at a glance; `-` when unknown (never `0`). A whole number
 * is grouped by hand because the first `toLocaleString` of a process loads the locale data, about
 * 15 ms of every command that prints a count.
 */
export function formatCount(n: number | undefined): string {
  if (n === undefined) return '-';
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US');
}

/** A per-million-token price, or `-` when unknown (never `0`, which means free). */
export function formatTokenPrice(price: TokenPrice | undefined): string {
  return price ? formatMoney(price.per_million_tokens, price.currency) : '-';
}

/** `1 model`, `3 models`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

export type ColumnAlign = 'left' | 'right';

/**
 * Pads the cells of a text table so columns line up: each column as wide as its widest cell, left
 * or right aligned (numbers read best right-aligned). A left-aligned last column is not padded, so
 * lines carry no trailing blanks. Callers style the padded cells and join them.
 */
export function padColumns(rows: readonly (readonly string[])[], align: readonly ColumnAlign[] = []): string[][] {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((cells) =>
    cells.map((cell, i) => {
      const width = widths[i] ?? 0;
      if (align[i] === 'right') return cell.padStart(width);
      return i === cells.length - 1 ? cell : cell.padEnd(width);
    }),
  );
}

/** Padded cells as lines: two spaces between columns, no trailing blanks. */
export const joinColumns = (cells: readonly string[]): string => cells.join('  ').trimEnd();

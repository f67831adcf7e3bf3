/** How the catalog's numbers read to a person, the same in the CLI and in change reports. */

/** `$2.5` for US dollars, `2.5 EUR` otherwise: prices are shown exactly as stored, never re-rounded. */
export function formatMoney(amount: number, currency = 'USD'): string {
  return currency === 'USD' ? `$${amount}` : `${amount} ${currency}`;
}

/** `128,000`: grouping makes limits readable at a glance. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 model`, `3 models`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

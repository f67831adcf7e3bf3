/**
 * Rounds away binary float noise (0.8999999999999999 -> 0.9) while keeping every digit a real price
 * has: 10 significant digits is far beyond any published price.
 */
export function roundPrice(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  return Number(n.toPrecision(10));
}

const PLAIN_DECIMAL = /^(\d*)(?:\.(\d+))?$/;

/**
 * Converts a price per token ("0.0000025") into a price per million tokens by moving the decimal
 * point in the string, so no float multiplication adds noise. Returns undefined for anything that
 * is not a non-negative decimal number (callers decide what a sentinel such as "-1" means).
 */
export function perTokenToPerMillion(value: string | number): number | undefined {
  const s = typeof value === 'number' ? String(value) : value.trim();
  const m = PLAIN_DECIMAL.exec(s);
  if (!m || s === '' || s === '.') {
    // Exponent notation (1e-7) or junk: fall back to arithmetic for the former only.
    const n = Number(s);
    return s !== '' && Number.isFinite(n) && n >= 0 ? roundPrice(n * 1e6) : undefined;
  }
  const intPart = m[1] ?? '';
  const frac = (m[2] ?? '').padEnd(6, '0');
  const whole = (intPart + frac.slice(0, 6)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(6);
  return roundPrice(Number(rest ? `${whole}.${rest}` : whole));
}

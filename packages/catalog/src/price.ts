/**
 * Rounds away binary float noise (0.8999999999999999 -> 0.9) while keeping every digit a real price
 * has: 10 significant digits is far beyond any published price.
 */
export function roundPrice(n: number): number {
  if (n === 0 || !Number.isFinite(n)) return n;
  // An integer of at most 10 digits is its own rounding; this is the common case (token limits)
  // and skips a round trip through text.
  if (Number.isInteger(n) && Math.abs(n) < 1e10) return n;
  // A catalog has few distinct prices, each checked many times (every offering, every write), and
  // the round trip through text is the slow part.
  let rounded = ROUNDED.get(n);
  if (rounded === undefined) {
    if (ROUNDED.size >= ROUNDED_MAX) ROUNDED.clear();
    ROUNDED.set(n, (rounded = Number(n.toPrecision(10))));
  }
  return rounded;
}

const ROUNDED = new Map<number, number>();
const ROUNDED_MAX = 50_000;

// A non-negative decimal, with an optional exponent: "0.0000025", "2.5e-6", "3E-07", ".5".
const DECIMAL = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Multiplies a non-negative decimal number by 10^places by moving the decimal point in its text, so
 * no binary float arithmetic adds noise: "2.5e-6" shifted by 6 is exactly 2.5. A number is read from
 * the shortest text that round-trips it (`String(n)`), which is the decimal the source wrote.
 * Returns undefined for anything that is not such a number.
 */
export function shiftDecimal(value: string | number, places: number): number | undefined {
  const s = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const [, intPart = '', fracPart = '', exponent = '0'] = m;
  if (intPart === '' && fracPart === '') return undefined;
  const digits = intPart + fracPart;
  // Position of the decimal point within `digits` once the exponent and the shift are applied.
  const point = intPart.length + Number(exponent) + places;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0');
  const at = Math.max(point, 1);
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const frac = padded.slice(at).replace(/0+$/, '');
  const n = Number(frac ? `${whole}.${frac}` : whole);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Converts a price per token ("0.0000025", 2.5e-6) into a price per million tokens by moving the
 * decimal point (see `shiftDecimal`). Returns undefined for anything that is not a non-negative
 * decimal number (callers decide what a sentinel such as "-1" means).
 */
export function perTokenToPerMillion(value: string | number): number | undefined {
  // The same few prices recur across a list (and across a run's lists): each is read once.
  const known = PER_MILLION.get(value);
  if (known !== undefined || PER_MILLION.has(value)) return known;
  const shifted = shiftDecimal(value, 6);
  const perMillion = shifted === undefined ? undefined : roundPrice(shifted);
  if (PER_MILLION.size >= ROUNDED_MAX) PER_MILLION.clear();
  PER_MILLION.set(value, perMillion);
  return perMillion;
}

const PER_MILLION = new Map<string | number, number | undefined>();

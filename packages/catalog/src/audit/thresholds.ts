import type { Disagreement } from './audit.ts';

/** When `catalog audit --fail-on` fails a CI run. Each threshold left out is not checked. */
export interface AuditThresholds {
  /** Any suspected unit or currency mistake. */
  suspect?: boolean;
  /** Any price disagreement whose values are more than this many percent apart. */
  pricePercent?: number;
  /** Any limit disagreement whose values are more than this many percent apart. */
  limitPercent?: number;
  /** Any price stated in two currencies. */
  currency?: boolean;
  /** More than this many disagreements in all. */
  total?: number;
}

export const THRESHOLD_SYNTAX = 'suspect, currency, price:PCT, limit:PCT, total:N (comma-separated)';

/** Reads `suspect,price:50,total:500`; throws an Error naming the part it cannot read. */
export function parseThresholds(text: string): AuditThresholds {
  const out: AuditThresholds = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, raw, extra] = part.split(':');
    const value = Number(raw);
    const number = raw !== undefined && extra === undefined && /^\d+(\.\d+)?$/.test(raw) ? value : undefined;
    if (name === 'suspect' && raw === undefined) out.suspect = true;
    else if (name === 'currency' && raw === undefined) out.currency = true;
    else if (name === 'price' && number !== undefined) out.pricePercent = number;
    else if (name === 'limit' && number !== undefined) out.limitPercent = number;
    else if (name === 'total' && number !== undefined && Number.isInteger(number)) out.total = number;
    else throw new Error(`cannot read "${part}": expected ${THRESHOLD_SYNTAX}`);
  }
  if (Object.keys(out).length === 0) throw new Error(`no threshold given: expected ${THRESHOLD_SYNTAX}`);
  return out;
}

const percentApart = (d: Disagreement) => ((d.ratio ?? 1) - 1) * 100;

/** Why the disagreements fail the thresholds: one line per threshold exceeded, empty when none is. */
export function thresholdBreaches(disagreements: readonly Disagreement[], t: AuditThresholds): string[] {
  const out: string[] = [];
  const count = (pick: (d: Disagreement) => boolean, what: string) => {
    const n = disagreements.filter(pick).length;
    if (n > 0) out.push(`${n} ${what}`);
  };
  if (t.suspect) count((d) => d.suspect !== undefined, 'suspected unit or currency mistake(s)');
  if (t.currency) count((d) => d.kind === 'currency', 'price(s) stated in two currencies');
  if (t.pricePercent !== undefined) {
    const limit = t.pricePercent;
    count((d) => d.kind === 'price' && percentApart(d) > limit, `price disagreement(s) above ${limit} %`);
  }
  if (t.limitPercent !== undefined) {
    const limit = t.limitPercent;
    count((d) => d.kind === 'limit' && percentApart(d) > limit, `limit disagreement(s) above ${limit} %`);
  }
  if (t.total !== undefined && disagreements.length > t.total) {
    out.push(`${disagreements.length} disagreements, more than ${t.total}`);
  }
  return out;
}

import { formatCount, formatMoney, plural } from '../format.ts';
import type { Disagreement, Statement } from './audit.ts';

function valueText(s: Statement): string {
  if (Array.isArray(s.value)) return s.value.length > 0 ? s.value.join(' ') : '(none)';
  if (typeof s.value === 'number') return s.currency ? formatMoney(s.value, s.currency) : formatCount(s.value);
  return s.value;
}

/** One line: where, what, who says what as of when, and why it looks wrong. */
export function formatDisagreement(d: Disagreement): string {
  const where = `${d.provider_id}/${d.model_id}${d.variant ? ` (${d.variant})` : ''}`;
  const says = d.statements.map((s) => `${s.source}${s.as_of ? ` ${s.as_of}` : ''}: ${valueText(s)}`).join(' | ');
  const ratio = d.ratio !== undefined && Number.isFinite(d.ratio) ? ` x${d.ratio.toFixed(2)}` : d.ratio === Infinity ? ' (one is 0)' : '';
  const flag = d.suspect === 'unit' ? ' [suspected unit mistake]' : d.suspect === 'currency' ? ' [suspected currency mistake]' : '';
  return `${where} ${d.fact}: ${says}${ratio}${flag}`;
}

/** The counts at the head of the report. */
export function auditHeadline(disagreements: readonly Disagreement[]): string {
  const by = (kind: Disagreement['kind']) => disagreements.filter((d) => d.kind === kind).length;
  const suspects = disagreements.filter((d) => d.suspect).length;
  return (
    `${plural(disagreements.length, 'disagreement')} between sources: ${by('price')} price, ${by('currency')} currency, ` +
    `${by('limit')} limit, ${by('capabilities')} capability; ${suspects} suspected unit or currency mistake(s)`
  );
}

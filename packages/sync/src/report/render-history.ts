import { formatCount, formatMoney, joinColumns, padColumns, PRICE_KEYS, TOKEN_PRICE_KEYS } from '@llm-catalog/catalog';
import { LIMIT_KEYS } from './build.ts';
import type { ModelHistory, ModelHistoryEntry } from './history.ts';
import { PLAIN_STYLE, type TextStyle } from './render-text.ts';

const TOKEN_KEYS = new Set<string>(TOKEN_PRICE_KEYS);
const ABSENT = '-';

function status(e: ModelHistoryEntry): string {
  if (!e.served) return 'not served';
  return e.disabled ? 'disabled' : '';
}

/**
 * The timeline as an aligned table: one row per change, one column per price or limit that ever had
 * a value. Token prices are per million tokens.
 */
export function renderModelHistory(history: ModelHistory, style: TextStyle = PLAIN_STYLE): string {
  const { entries } = history;
  const title = `${history.provider_id} ${history.model_id}`;
  if (entries.length === 0) {
    return `${title}: not served in the last ${history.commits_read} commits of the data files\n`;
  }
  const priceKeys = PRICE_KEYS.filter((k) => entries.some((e) => e.prices?.[k]));
  const limitKeys = LIMIT_KEYS.filter((k) => entries.some((e) => e.limits?.[k] !== undefined));
  const head = [
    'date',
    'commit',
    ...priceKeys.map((k) => (TOKEN_KEYS.has(k) ? `${k} /1M` : k)),
    ...limitKeys,
    'status',
    'subject',
  ];
  const rows = entries.map((e) => {
    const price = (k: (typeof priceKeys)[number]) => {
      const p = e.prices?.[k];
      return p ? formatMoney(p.amount, p.currency) : ABSENT;
    };
    const limit = (k: (typeof limitKeys)[number]) => {
      const n = e.limits?.[k];
      return n === undefined ? ABSENT : formatCount(n);
    };
    return [e.date.slice(0, 10), e.sha.slice(0, 7), ...priceKeys.map(price), ...limitKeys.map(limit), status(e), e.subject];
  });
  const [headLine = '', ...rowLines] = padColumns([head, ...rows]).map(joinColumns);
  const skipped = history.skipped.length
    ? [style.dim(`(${history.skipped.length} commit(s) skipped: their data files do not match today's schema)`)]
    : [];
  return `${[style.bold(title), style.bold(headLine), ...rowLines, ...skipped].join('\n')}\n`;
}

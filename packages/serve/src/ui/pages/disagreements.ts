import type { ModelDocument, OfferingDisagreement } from '@llm-catalog/catalog';
import { h, money, number } from '../dom.ts';

type Statement = OfferingDisagreement['statements'][number];

/** `pricing.service_tiers.batch.long_context>200000.input` -> `batch input price above 200,000 tokens`. */
export function factLabel(fact: string): string {
  const price = /^pricing\.(?:service_tiers\.(\w+)\.)?(?:long_context>(\d+)\.)?(\w+)$/.exec(fact);
  if (!price) return fact.replaceAll('_', ' ');
  const [, tier, above, key = ''] = price;
  return `${tier ? `${tier} ` : ''}${key.replaceAll('_', ' ')} price${above ? ` above ${number(Number(above))} tokens` : ''}`;
}

const listText = (xs: readonly string[]) => xs.join(', ').toLowerCase();

/**
 * A statement's value. A capability list other than the last (served) one reads as what it adds and
 * lacks against that one, so long lists that differ in one entry stay readable.
 */
function valueText(s: Statement, served: Statement): string {
  if (typeof s.value === 'number') return s.currency ? money(s.value, s.currency) : number(s.value);
  if (!Array.isArray(s.value)) return s.value;
  if (s === served || !Array.isArray(served.value)) return listText(s.value) || '(none)';
  const mine = s.value;
  const theirs = served.value;
  const adds = mine.filter((c) => !theirs.includes(c));
  const lacks = theirs.filter((c) => !mine.includes(c));
  const parts = [adds.length ? `adds ${listText(adds)}` : '', lacks.length ? `lacks ${listText(lacks)}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'the same as the served list';
}

const apartText = (d: OfferingDisagreement): string =>
  d.suspect ? `suspected ${d.suspect} mistake` : d.ratio === undefined ? '' : Number.isFinite(d.ratio) ? `×${d.ratio.toFixed(2)}` : 'one is 0';

/** Per offering, each fact its sources state differently: every source's value and as-of date, the one used last. */
export function disagreementsSection(doc: ModelDocument): HTMLElement {
  const rows = doc.providers.flatMap((p) => (p.disagreements ?? []).map((d) => ({ p, d })));
  const heading = h('h2', { id: 'disagreements-heading' }, `Where sources disagree (${rows.length})`);
  if (rows.length === 0) {
    return h('section', { 'aria-labelledby': 'disagreements-heading' }, heading, h('p', { class: 'muted' }, 'Every offering’s sources agree, or one source states its facts.'));
  }
  return h(
    'section',
    { 'aria-labelledby': 'disagreements-heading' },
    heading,
    h('p', { class: 'muted' }, 'Lowest-priority source first; the last one listed is the value served, unless a person overrode it.'),
    h(
      'table',
      { 'data-testid': 'disagreements' },
      h('thead', {}, h('tr', {}, ...['Provider', 'Fact', 'What each source says', 'Apart'].map((t) => h('th', { scope: 'col' }, t)))),
      h(
        'tbody',
        {},
        rows.map(({ p, d }) =>
          h(
            'tr',
            { 'data-offering': p.provider_id, 'data-fact': d.fact },
            h('td', {}, p.provider_name, d.variant ? h('span', { class: 'tag' }, d.variant) : null),
            h('td', {}, factLabel(d.fact)),
            h(
              'td',
              {},
              h('ul', { class: 'statements' }, d.statements.map((s, i, all) => h('li', {}, h(i === all.length - 1 ? 'strong' : 'span', {}, `${s.source}: ${valueText(s, all[all.length - 1] ?? s)}`), s.as_of ? h('span', { class: 'origin' }, `as of ${s.as_of}`) : null))),
            ),
            h('td', { class: d.suspect ? 'bad' : undefined }, apartText(d)),
          ),
        ),
      ),
    ),
  );
}

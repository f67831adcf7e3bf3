import type { FactOrigin, ModelDocument, ModelOfferingDocument } from '@llm-catalog/catalog';
import type { ModelHistory } from '@llm-catalog/sync';
import { priceChart } from '../chart.ts';
import { api, ApiFailure, errorText, h, money, number, render, s, toast } from '../dom.ts';
import { disagreementsSection } from './disagreements.ts';

function originText(o: FactOrigin): string {
  if (o.layer === 'manual') return 'manual override';
  if (o.source) return `from ${o.source}`;
  return o.layer === 'base' ? 'set by a person' : 'from its API';
}

/** Who stated a fact; the date it is as of shows on hover, so a table cell stays one line. */
function origin(o: FactOrigin | undefined): HTMLElement | null {
  return o ? h('span', { class: 'origin', title: o.as_of ? `as of ${o.as_of}` : undefined }, originText(o)) : null;
}

const FACTS: [keyof ModelDocument['model'], string][] = [
  ['owned_by', 'Vendor'],
  ['context_window', 'Context window'],
  ['max_output_tokens', 'Max output tokens'],
  ['input_modalities', 'Input'],
  ['output_modalities', 'Output'],
  ['capabilities', 'Capabilities'],
  ['release_date', 'Released'],
  ['knowledge_cutoff', 'Knowledge cutoff'],
  ['open_weights', 'Open weights'],
];

const show = (v: unknown): string => (Array.isArray(v) ? v.join(', ').toLowerCase() : typeof v === 'number' ? number(v) : String(v));

function chart(history: ModelHistory, providerId: string): SVGSVGElement {
  const points = history.entries.map((e) => ({
    date: e.date,
    ...(e.prices?.input ? { input: e.prices.input.amount } : {}),
    ...(e.prices?.output ? { output: e.prices.output.amount } : {}),
  }));
  const g = priceChart(points);
  const titleId = 'chart-title';
  return s(
    'svg',
    { viewBox: `0 0 ${g.width} ${g.height}`, role: 'img', 'aria-labelledby': titleId, 'data-testid': 'price-chart' },
    s('title', { id: titleId }, `Input and output price per million tokens at ${providerId}, ${points.length} commits`),
    s('line', { class: 'axis', x1: g.box.left, x2: g.box.left, y1: g.box.top, y2: g.box.bottom }),
    s('line', { class: 'axis', x1: g.box.left, x2: g.box.right, y1: g.box.bottom, y2: g.box.bottom }),
    g.yTicks.map((t) => [s('line', { class: 'axis', x1: g.box.left - 4, x2: g.box.right, y1: t.y, y2: t.y, 'stroke-dasharray': '2 4' }), s('text', { x: g.box.left - 6, y: t.y + 4, 'text-anchor': 'end' }, t.label)]),
    g.xLabels.map((l) => s('text', { x: l.x, y: g.height - 8, 'text-anchor': 'middle' }, l.label)),
    g.input ? s('path', { class: 'input', d: g.input }) : null,
    g.output ? s('path', { class: 'output', d: g.output }) : null,
  );
}

async function historySection(modelId: string, providers: ModelOfferingDocument[]): Promise<HTMLElement> {
  const area = h('div', { class: 'chart', 'aria-live': 'polite' });
  const picker = h('select', { name: 'history-provider' }, providers.map((p) => h('option', { value: p.provider_id }, p.provider_name)));
  const load = async () => {
    area.replaceChildren(h('p', { class: 'muted' }, 'Reading the git history…'));
    try {
      const history = await api<ModelHistory>(`/api/models/${encodeURIComponent(modelId)}/history?provider=${encodeURIComponent(picker.value)}`);
      area.replaceChildren(
        history.entries.length === 0
          ? h('p', { class: 'muted' }, `No committed history of this model at ${picker.value} yet.`)
          : h('div', {}, chart(history, picker.value), h('p', { class: 'legend' }, h('span', { class: 'swatch-input' }, '— input'), h('span', { class: 'swatch-output' }, '— output'), h('span', { class: 'muted' }, `${history.entries.length} changes in the last ${history.commits_read} commits`))),
      );
    } catch (err) {
      area.replaceChildren(h('p', { class: 'warn', 'data-testid': 'history-unavailable' }, err instanceof ApiFailure && err.code === 'no-git' ? `Price history needs the data directory inside a git repository: ${err.message}.` : errorText(err)));
    }
  };
  picker.addEventListener('change', () => void load());
  if (providers.length > 0) void load();
  return h('section', { 'aria-labelledby': 'history-heading' }, h('h2', { id: 'history-heading' }, 'Price history'), providers.length > 0 ? h('label', {}, 'Provider ', picker) : h('p', { class: 'muted' }, 'No provider serves it.'), area);
}

function offeringsTable(doc: ModelDocument, reload: () => void): HTMLElement {
  const toggle = (p: ModelOfferingDocument, cell: HTMLElement) => {
    const reason = h('input', { type: 'text', name: 'reason', required: true, placeholder: 'why', 'aria-label': `Reason to ${p.disabled ? 'enable' : 'disable'} at ${p.provider_name}` });
    const form = h('form', { class: 'actions' }, reason, h('button', { type: 'submit', class: 'primary' }, p.disabled ? 'Enable' : 'Disable'));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const r = await api<{ change: string }>(`/api/offerings/${encodeURIComponent(p.provider_id)}/${encodeURIComponent(doc.id)}`, {
          method: 'PUT',
          body: { disabled: !p.disabled, ...(reason.value.trim() ? { reason: reason.value.trim() } : {}) },
        });
        toast(`${p.provider_id}: ${p.disabled ? 'enabled' : 'disabled'} (${r.change} manual override)`);
        reload();
      } catch (err) {
        toast(errorText(err), 'error');
      }
    });
    cell.replaceChildren(form);
    reason.focus();
  };
  return h(
    'table',
    { 'data-testid': 'offerings' },
    h('thead', {}, h('tr', {}, ...['Provider', 'Calls it', 'Input $/M', 'Output $/M', 'Context', 'Status', ''].map((t, i) => h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : undefined }, t)))),
    h(
      'tbody',
      {},
      doc.providers.map((p) => {
        const action = h('td', {});
        action.append(h('button', { type: 'button', onclick: () => toggle(p, action) }, p.disabled ? 'Enable…' : 'Disable…'));
        return h(
          'tr',
          { 'data-provider': p.provider_id },
          h('td', {}, p.provider_name),
          h('td', {}, h('code', {}, p.provider_model_id), p.variant ? h('span', { class: 'tag' }, p.variant) : null),
          h('td', { class: 'num' }, money(p.pricing?.input?.per_million_tokens, p.pricing?.input?.currency), origin(p.origins['pricing.input'])),
          h('td', { class: 'num' }, money(p.pricing?.output?.per_million_tokens, p.pricing?.output?.currency), origin(p.origins['pricing.output'])),
          h('td', { class: 'num' }, number(p.context_window), origin(p.origins.context_window)),
          h(
            'td',
            {},
            p.disabled ? h('span', { class: 'bad' }, `disabled${p.reason ? `: ${p.reason}` : ''}`) : h('span', { class: 'ok' }, 'served'),
            p.disagreements ? h('span', { class: 'origin warn' }, `sources disagree on ${p.disagreements.length}`) : null,
          ),
          action,
        );
      }),
    ),
  );
}

export async function modelPage(modelId: string): Promise<void> {
  const doc = await api<ModelDocument>(`/api/models/${encodeURIComponent(modelId)}`);
  const reload = () => void modelPage(modelId);
  const facts = FACTS.filter(([key]) => doc.model[key] !== undefined);
  const served = doc.providers.filter((p) => !p.disabled);
  render(
    doc.model.name ?? doc.id,
    h('p', {}, h('a', { href: '/models' }, '← Models'), ' ', h('code', {}, doc.id)),
    doc.model.metadata?.dynamic_pricing
      ? h('p', { class: 'warn', 'data-testid': 'dynamic-pricing' }, 'Priced per request at run time: the prices below are what the sources list, not what a request costs.')
      : null,
    h('dl', { class: 'facts panel' }, facts.map(([key, label]) => [h('dt', {}, label), h('dd', {}, show(doc.model[key]), origin(doc.origins[key]))])),
    h('h2', {}, `Who serves it (${served.length}), cheapest first`),
    doc.providers.length > 0 ? offeringsTable(doc, reload) : h('p', { class: 'muted' }, 'No provider serves it.'),
    disagreementsSection(doc),
    await historySection(doc.id, served.length > 0 ? served : doc.providers),
  );
}

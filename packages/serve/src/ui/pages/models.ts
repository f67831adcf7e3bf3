import type { ModelSearchResult } from '../../schemas.ts';
import { api, debounce, errorText, h, modelHref, money, number, render } from '../dom.ts';

interface Meta {
  providers: string[];
  capabilities: string[];
  modalities: string[];
  sorts: string[];
}

const PAGE_SIZE = 50;
const FILTERS = ['q', 'provider', 'capability', 'modality', 'max_input_price', 'min_context', 'sort'] as const;

function select(name: string, label: string, options: string[], blank: string | undefined, value: string): HTMLLabelElement {
  return h(
    'label',
    {},
    label,
    h(
      'select',
      { name },
      blank !== undefined ? h('option', { value: '' }, blank) : null,
      options.map((o) => h('option', { value: o, selected: o === value }, o.toLowerCase().replace(/_/g, ' '))),
    ),
  );
}

/** The filters, filled from the address so a shared link opens the same search. */
function searchForm(meta: Meta, params: URLSearchParams): HTMLFormElement {
  return h(
    'form',
    { class: 'toolbar', role: 'search', 'aria-label': 'Search models' },
    h('label', {}, 'Search', h('input', { type: 'search', name: 'q', value: params.get('q') ?? '', placeholder: 'model, vendor or provider' })),
    select('provider', 'Provider', meta.providers, 'any', params.get('provider') ?? ''),
    select('capability', 'Capability', meta.capabilities, 'any', params.get('capability') ?? ''),
    select('modality', 'Modality', meta.modalities, 'any', params.get('modality') ?? ''),
    h('label', {}, 'Max input $/M', h('input', { type: 'number', name: 'max_input_price', min: 0, step: 'any', value: params.get('max_input_price') ?? '' })),
    h('label', {}, 'Min context', h('input', { type: 'number', name: 'min_context', min: 0, step: 1000, value: params.get('min_context') ?? '' })),
    select('sort', 'Sort by', meta.sorts, undefined, params.get('sort') ?? 'model'),
  );
}

/** One offering in the results: model, provider, prices (or "varies"), context, capabilities. */
function resultRow(r: ModelSearchResult['items'][number]): HTMLTableRowElement {
  return h(
    'tr',
    {},
    h('td', {}, h('a', { href: modelHref(r.model_id) }, r.name ?? r.model_id), r.name ? h('div', { class: 'muted' }, r.model_id) : null),
    h('td', {}, r.provider_id),
    ...[r.input_price, r.output_price].map((price) =>
      h('td', { class: 'num' }, r.dynamic_pricing ? h('span', { title: 'priced per request at run time' }, 'varies') : money(price, r.currency)),
    ),
    h('td', { class: 'num' }, number(r.context_window)),
    h('td', {}, (r.capabilities ?? []).map((c) => h('span', { class: 'tag' }, c.toLowerCase().replace(/_/g, ' '))).flatMap((t) => [t, ' '])),
  );
}

/** The search as query parameters: every filled filter, and the offset past the first page. */
function searchQuery(form: HTMLFormElement, offset: number): URLSearchParams {
  const query = new URLSearchParams();
  const data = new FormData(form);
  for (const key of FILTERS) {
    const value = String(data.get(key) ?? '').trim();
    if (value) query.set(key, value);
  }
  if (offset > 0) query.set('offset', String(offset));
  return query;
}

export async function modelsPage(): Promise<void> {
  const meta = await api<Meta>('/api/meta');
  const params = new URLSearchParams(location.search);
  let offset = Number(params.get('offset') ?? 0) || 0;
  const count = h('p', { class: 'muted', 'data-testid': 'result-count', 'aria-live': 'polite' });
  const body = h('tbody');
  const prev = h('button', { type: 'button' }, 'Previous');
  const next = h('button', { type: 'button' }, 'Next');
  const form = searchForm(meta, params);

  let generation = 0;
  const load = async () => {
    const query = searchQuery(form, offset);
    history.replaceState(null, '', `/models${query.size ? `?${query}` : ''}`);
    query.set('limit', String(PAGE_SIZE));
    const mine = ++generation;
    try {
      const result = await api<ModelSearchResult>(`/api/models?${query}`);
      if (mine !== generation) return;
      count.textContent = result.total === 0 ? 'No offerings match.' : `${number(result.total)} offerings; showing ${result.offset + 1}–${result.offset + result.items.length}`;
      body.replaceChildren(
        ...result.items.map(resultRow),
      );
      prev.disabled = result.offset === 0;
      next.disabled = result.offset + result.items.length >= result.total;
    } catch (err) {
      if (mine === generation) count.textContent = errorText(err);
    }
  };
  const reload = debounce(() => {
    offset = 0;
    void load();
  }, 150);
  form.addEventListener('input', reload);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    reload();
  });
  prev.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    void load();
  });
  next.addEventListener('click', () => {
    offset += PAGE_SIZE;
    void load();
  });
  render(
    'Models',
    form,
    count,
    h(
      'table',
      { 'data-testid': 'model-results' },
      h('thead', {}, h('tr', {}, ...['Model', 'Provider', 'Input $/M', 'Output $/M', 'Context', 'Capabilities'].map((t, i) => h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : undefined }, t)))),
      body,
    ),
    h('div', { class: 'pager' }, prev, next),
  );
  await load();
}

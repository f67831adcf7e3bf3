import type { ChangeReport } from '@llm-catalog/sync';
import { api, ApiFailure, errorText, h, money, number, render } from '../dom.ts';

const list = (title: string, ids: string[]) => (ids.length > 0 ? h('p', {}, h('strong', {}, `${title} (${ids.length}): `), ids.join(', ')) : null);

export async function changesPage(): Promise<void> {
  let report: ChangeReport;
  try {
    report = await api<ChangeReport>('/api/changes');
  } catch (err) {
    render('Pending changes', h('p', { class: 'warn' }, err instanceof ApiFailure && err.code === 'no-git' ? `The change report compares the data files with git's HEAD: ${err.message}.` : errorText(err)));
    return;
  }
  const t = report.totals;
  const empty = report.risks.length === 0 && report.providers.length === 0 && report.provider_entries.added.length + report.provider_entries.removed.length + report.base_models.dates.length === 0;
  render(
    'Pending changes',
    h('p', { class: 'muted' }, 'The data files in the work tree against HEAD, as a reviewer reads the pull request.'),
    empty
      ? h('p', { 'data-testid': 'no-changes' }, 'No pending changes: the data files match HEAD.')
      : [
          h('p', { 'data-testid': 'change-totals' }, `${t.providers_changed} providers changed: +${t.models_added} / −${t.models_removed} models, ${t.price_changes} price, ${t.limit_changes} limit, ${t.capability_changes} capability and ${t.availability_changes} availability changes.`),
          h('section', { 'aria-labelledby': 'risks' }, h('h2', { id: 'risks' }, `Risk flags (${report.risks.length})`), report.risks.length === 0 ? h('p', { class: 'muted' }, 'None.') : report.risks.map((r) => h('p', { class: 'risk', 'data-testid': 'risk' }, h('strong', {}, r.kind), ': ', r.message))),
          list('Providers added', report.provider_entries.added),
          list('Providers removed', report.provider_entries.removed),
          list('Base models added', report.base_models.added),
          list('Base models removed', report.base_models.removed),
          list('End-of-life dates', report.base_models.dates.map((d) => `${d.model_id} ${d.key.replace('_', ' ')}: ${d.old ?? 'none'} → ${d.new ?? 'none'}`)),
          report.providers.map((p) =>
            h(
              'section',
              { 'aria-labelledby': `p-${p.id}` },
              h('h2', { id: `p-${p.id}` }, `${p.id}: ${number(p.models_before)} → ${number(p.models_after)} models`),
              list('Added', p.added),
              list('Removed', p.removed),
              list('Disabled', p.disabled),
              list('Enabled again', p.enabled),
              p.prices.length > 0
                ? h(
                    'table',
                    {},
                    h('caption', { class: 'muted' }, 'Price changes'),
                    h('thead', {}, h('tr', {}, ...['Model', 'Price', 'Old', 'New', 'Change'].map((x) => h('th', { scope: 'col' }, x)))),
                    h('tbody', {}, p.prices.map((c) => h('tr', {}, h('td', {}, c.model_id), h('td', {}, c.key), h('td', {}, money(c.old, c.old_currency)), h('td', {}, money(c.new, c.new_currency)), h('td', {}, c.change_pct === undefined ? '' : `${c.change_pct > 0 ? '+' : ''}${c.change_pct}%`)))),
                  )
                : null,
              p.limits.length > 0 ? h('p', {}, h('strong', {}, 'Limits: '), p.limits.map((l) => `${l.model_id} ${l.key} ${number(l.old)} → ${number(l.new)}`).join('; ')) : null,
              p.capabilities.length > 0 ? h('p', {}, h('strong', {}, 'Capabilities: '), p.capabilities.map((c) => `${c.model_id} ${c.added.map((x) => `+${x}`).concat(c.removed.map((x) => `−${x}`)).join(' ')}`).join('; ')) : null,
            ),
          ),
        ],
  );
}

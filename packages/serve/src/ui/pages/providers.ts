import type { SyncJsonDocument } from '@llm-catalog/sync';
import type { ProviderSummary } from '../../routes/providers.ts';
import type { SyncJobEvent } from '../../sync-jobs.ts';
import { api, errorText, h, render, toast } from '../dom.ts';

interface Row {
  summary: ProviderSummary;
  status: HTMLElement;
  models: HTMLElement;
  synced: HTMLElement;
}

const keyText = (p: ProviderSummary) => (p.key_env ? `${p.key_env} ${p.key === 'set' ? 'set' : 'missing'}` : 'none needed');
const syncedText = (p: ProviderSummary) => (p.last_synced ? p.last_synced.replace('T', ' ').replace('Z', ' UTC') : 'never');

type ProviderResult = SyncJsonDocument['providers'][number];

const resultText = (p: ProviderResult): string =>
  p.status === 'skipped'
    ? `skipped: ${p.reason ?? ''}`
    : p.status === 'failed'
      ? `failed: ${p.error ?? ''}`
      : `${p.status}: fetched ${p.fetched}, added ${p.added}, changed ${p.changed}, removed ${p.removed}`;

/** The page's live state: one row per provider, and every button that starts a sync. */
interface PageState {
  rows: Map<string, Row>;
  syncButtons: HTMLButtonElement[];
}

const setBusy = (state: PageState, busy: boolean) => state.syncButtons.forEach((b) => (b.disabled = busy));

function setStatus(state: PageState, id: string, text: string, progress = false): void {
  const row = state.rows.get(id);
  if (!row) return;
  row.status.replaceChildren(...(progress ? [h('progress', { 'aria-label': `syncing ${id}` }), ' '] : []), text);
}

async function refreshRows(state: PageState): Promise<void> {
  const fresh = await api<{ providers: ProviderSummary[] }>('/api/providers');
  for (const p of fresh.providers) {
    const row = state.rows.get(p.id);
    if (!row) continue;
    row.summary = p;
    row.models.textContent = String(p.models);
    row.synced.textContent = syncedText(p);
  }
}

function doneToast(result: SyncJsonDocument): void {
  const t = result.totals;
  const only = result.providers.length === 1 ? result.providers[0] : undefined;
  toast(
    only
      ? `${only.id}: ${resultText(only)}`
      : `Synced ${t.providers} providers (${t.updated} updated, ${t.unchanged} unchanged, ${t.skipped} skipped, ${t.failed} failed): fetched ${t.fetched}, added ${t.added}, changed ${t.changed}, removed ${t.removed}`,
    only?.status === 'failed' ? 'error' : 'info',
  );
}

/** Shows a running sync job's events in the rows' status cells until it ends. */
function followJob(state: PageState, eventsUrl: string): void {
  const source = new EventSource(eventsUrl);
  const finished = new Set<string>();
  const on = <T extends SyncJobEvent['type']>(type: T, fn: (e: Extract<SyncJobEvent, { type: T }>) => void) =>
    source.addEventListener(type, (m) => fn(JSON.parse((m as MessageEvent<string>).data)));
  const end = () => {
    source.close();
    setBusy(state, false);
  };
  on('queued', (e) => e.providers.forEach((id) => setStatus(state, id, 'queued', true)));
  on('provider', (e) => {
    if (e.state === 'fetching' || e.state === 'retrying') setStatus(state, e.id, e.state === 'fetching' ? 'fetching…' : `retrying: ${e.reason ?? ''}`, true);
    else if (e.state === 'fetched') setStatus(state, e.id, `fetched ${e.fetched ?? 0} models; merging…`, true);
    else if (e.state === 'failed') {
      finished.add(e.id);
      setStatus(state, e.id, `failed: ${e.error ?? ''}`);
    } else {
      finished.add(e.id);
      setStatus(state, e.id, `skipped: ${e.reason ?? ''}`);
    }
  });
  on('merging', () => {
    for (const [id, row] of state.rows) if (!finished.has(id) && row.status.querySelector('progress')) setStatus(state, id, 'merging…', true);
  });
  on('done', (e) => {
    end();
    for (const p of e.result.providers) setStatus(state, p.id, resultText(p));
    doneToast(e.result);
    void refreshRows(state);
  });
  on('failed', (e) => {
    end();
    toast(`sync failed: ${e.error.message}`, 'error');
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSource.CLOSED) end();
  });
}

async function sync(state: PageState, selection: 'all' | string[]): Promise<void> {
  setBusy(state, true);
  let job: { id: string; events_url: string };
  try {
    ({ job } = await api<{ job: { id: string; events_url: string } }>('/api/sync', { method: 'POST', body: { providers: selection } }));
  } catch (err) {
    toast(errorText(err), 'error');
    setBusy(state, false);
    return;
  }
  followJob(state, job.events_url);
}

async function test(id: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const r = await api<{ status: string; models?: number; latencyMs?: number; diagnosis?: string; error?: string }>(`/api/providers/${encodeURIComponent(id)}/test`, { method: 'POST' });
    toast(r.status === 'up' ? `${id}: up, ${r.models ?? 0} models in ${r.latencyMs ?? 0} ms` : `${id}: down: ${r.diagnosis ?? r.error ?? ''}`, r.status === 'up' ? 'info' : 'error');
  } catch (err) {
    toast(errorText(err), 'error');
  } finally {
    button.disabled = false;
  }
}

async function toggle(p: ProviderSummary, button: HTMLButtonElement): Promise<void> {
  const enabled = button.getAttribute('aria-checked') !== 'true';
  try {
    await api(`/api/providers/${encodeURIComponent(p.id)}`, { method: 'PATCH', body: { enabled } });
    button.setAttribute('aria-checked', String(enabled));
    button.textContent = enabled ? 'On' : 'Off';
  } catch (err) {
    toast(errorText(err), 'error');
  }
}

/** One provider's table row, registered in the page state. */
function providerRow(state: PageState, p: ProviderSummary): HTMLElement {
  const status = h('span', { class: 'status', 'data-testid': `status-${p.id}` });
  const models = h('td', { class: 'num' }, String(p.models));
  const synced = h('td', {}, syncedText(p));
  state.rows.set(p.id, { summary: p, status, models, synced });
  const syncButton = h('button', { type: 'button', 'aria-label': `Sync ${p.name}`, onclick: () => void sync(state, [p.id]) }, 'Sync');
  state.syncButtons.push(syncButton);
  const testButton: HTMLButtonElement = h('button', { type: 'button', 'aria-label': `Test ${p.name}`, onclick: () => void test(p.id, testButton) }, 'Test');
  const switchButton: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      role: 'switch',
      class: 'switch',
      'aria-checked': String(p.sync === 'enabled'),
      'aria-label': `${p.name} included in sync all`,
      disabled: p.sync === 'none',
      onclick: () => void toggle(p, switchButton),
    },
    p.sync === 'enabled' ? 'On' : 'Off',
  );
  return h(
    'tr',
    { 'data-provider': p.id },
    h('td', {}, h('strong', {}, p.name), h('div', { class: 'muted' }, p.id)),
    h('td', {}, p.format ?? '–'),
    models,
    h('td', {}, h('span', { class: p.key === 'missing' ? 'warn' : '' }, keyText(p))),
    synced,
    h('td', {}, switchButton),
    h('td', {}, h('div', { class: 'actions' }, syncButton, testButton)),
    h('td', {}, status),
  );
}

export async function providersPage(): Promise<void> {
  const { providers } = await api<{ providers: ProviderSummary[] }>('/api/providers');
  const state: PageState = { rows: new Map(), syncButtons: [] };
  const body = h('tbody', {}, ...providers.map((p) => providerRow(state, p)));
  const syncAll = h('button', { type: 'button', class: 'primary', onclick: () => void sync(state, 'all') }, 'Sync all');
  state.syncButtons.push(syncAll);
  render(
    'Providers',
    h('div', { class: 'toolbar' }, syncAll, h('a', { href: '/providers/new' }, 'Add a provider')),
    providers.length === 0
      ? h('p', { class: 'muted' }, 'No providers yet. Add one from its base URL.')
      : h(
          'table',
          {},
          h('caption', { class: 'muted' }, `${providers.length} providers. "Sync all" covers those switched on.`),
          h(
            'thead',
            {},
            h('tr', {}, ...['Provider', 'Format', 'Models', 'Key', 'Last synced', 'In sync all', 'Actions', 'Status'].map((t) => h('th', { scope: 'col', class: t === 'Models' ? 'num' : undefined }, t))),
          ),
          body,
        ),
  );
}

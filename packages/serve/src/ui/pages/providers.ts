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

export async function providersPage(): Promise<void> {
  const { providers } = await api<{ providers: ProviderSummary[] }>('/api/providers');
  const rows = new Map<string, Row>();
  const syncButtons: HTMLButtonElement[] = [];
  const setBusy = (busy: boolean) => syncButtons.forEach((b) => (b.disabled = busy));

  const setStatus = (id: string, text: string, progress = false) => {
    const row = rows.get(id);
    if (!row) return;
    row.status.replaceChildren(...(progress ? [h('progress', { 'aria-label': `syncing ${id}` }), ' '] : []), text);
  };

  const refreshRows = async () => {
    const fresh = await api<{ providers: ProviderSummary[] }>('/api/providers');
    for (const p of fresh.providers) {
      const row = rows.get(p.id);
      if (!row) continue;
      row.summary = p;
      row.models.textContent = String(p.models);
      row.synced.textContent = syncedText(p);
    }
  };

  const sync = async (selection: 'all' | string[]) => {
    setBusy(true);
    let job: { id: string; events_url: string };
    try {
      ({ job } = await api<{ job: { id: string; events_url: string } }>('/api/sync', { method: 'POST', body: { providers: selection } }));
    } catch (err) {
      toast(errorText(err), 'error');
      setBusy(false);
      return;
    }
    const source = new EventSource(job.events_url);
    const finished = new Set<string>();
    const on = <T extends SyncJobEvent['type']>(type: T, fn: (e: Extract<SyncJobEvent, { type: T }>) => void) =>
      source.addEventListener(type, (m) => fn(JSON.parse((m as MessageEvent<string>).data)));
    const end = () => {
      source.close();
      setBusy(false);
    };
    on('queued', (e) => e.providers.forEach((id) => setStatus(id, 'queued', true)));
    on('provider', (e) => {
      if (e.state === 'fetching' || e.state === 'retrying') setStatus(e.id, e.state === 'fetching' ? 'fetching…' : `retrying: ${e.reason ?? ''}`, true);
      else if (e.state === 'fetched') setStatus(e.id, `fetched ${e.fetched ?? 0} models; merging…`, true);
      else if (e.state === 'failed') {
        finished.add(e.id);
        setStatus(e.id, `failed: ${e.error ?? ''}`);
      } else {
        finished.add(e.id);
        setStatus(e.id, `skipped: ${e.reason ?? ''}`);
      }
    });
    on('merging', () => {
      for (const [id, row] of rows) if (!finished.has(id) && row.status.querySelector('progress')) setStatus(id, 'merging…', true);
    });
    on('done', (e) => {
      end();
      for (const p of e.result.providers) setStatus(p.id, resultText(p));
      const t = e.result.totals;
      const only = e.result.providers.length === 1 ? e.result.providers[0] : undefined;
      toast(
        only
          ? `${only.id}: ${resultText(only)}`
          : `Synced ${t.providers} providers (${t.updated} updated, ${t.unchanged} unchanged, ${t.skipped} skipped, ${t.failed} failed): fetched ${t.fetched}, added ${t.added}, changed ${t.changed}, removed ${t.removed}`,
        only?.status === 'failed' ? 'error' : 'info',
      );
      void refreshRows();
    });
    on('failed', (e) => {
      end();
      toast(`sync failed: ${e.error.message}`, 'error');
    });
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) end();
    });
  };

  const test = async (id: string, button: HTMLButtonElement) => {
    button.disabled = true;
    try {
      const r = await api<{ status: string; models?: number; latencyMs?: number; diagnosis?: string; error?: string }>(`/api/providers/${encodeURIComponent(id)}/test`, { method: 'POST' });
      toast(r.status === 'up' ? `${id}: up, ${r.models ?? 0} models in ${r.latencyMs ?? 0} ms` : `${id}: down: ${r.diagnosis ?? r.error ?? ''}`, r.status === 'up' ? 'info' : 'error');
    } catch (err) {
      toast(errorText(err), 'error');
    } finally {
      button.disabled = false;
    }
  };

  const toggle = async (p: ProviderSummary, button: HTMLButtonElement) => {
    const enabled = button.getAttribute('aria-checked') !== 'true';
    try {
      await api(`/api/providers/${encodeURIComponent(p.id)}`, { method: 'PATCH', body: { enabled } });
      button.setAttribute('aria-checked', String(enabled));
      button.textContent = enabled ? 'On' : 'Off';
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  const body = h('tbody');
  for (const p of providers) {
    const status = h('span', { class: 'status', 'data-testid': `status-${p.id}` });
    const models = h('td', { class: 'num' }, String(p.models));
    const synced = h('td', {}, syncedText(p));
    rows.set(p.id, { summary: p, status, models, synced });
    const syncButton = h('button', { type: 'button', 'aria-label': `Sync ${p.name}`, onclick: () => void sync([p.id]) }, 'Sync');
    syncButtons.push(syncButton);
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
    body.append(
      h(
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
      ),
    );
  }
  const syncAll = h('button', { type: 'button', class: 'primary', onclick: () => void sync('all') }, 'Sync all');
  syncButtons.push(syncAll);
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

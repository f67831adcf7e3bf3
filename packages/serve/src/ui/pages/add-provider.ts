import { api, ApiFailure, debounce, errorText, h, render, toast } from '../dom.ts';

interface Detection {
  base_url: string;
  detected: { type: string; name: string; provider_id: string | null } | null;
  format: string;
  models_url: string | null;
  transformer: string | null;
  takes_key: boolean;
  suggested_id: string | null;
  existing_provider: string | null;
  notes: string[];
}

function field(label: string, input: HTMLInputElement, hint?: string): HTMLElement {
  return h('label', {}, label, input, hint ? h('span', { class: 'muted' }, hint) : null);
}

/** What the server detected from a pasted URL, and whether the catalog already has it. */
function detectionFacts(d: Detection): HTMLElement[] {
  return [
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Detected'),
      h('dd', { 'data-testid': 'detected-type' }, d.detected ? `${d.detected.name} (${d.detected.type})` : 'not recognized: OpenAI-compatible assumed'),
      h('dt', {}, 'Format'),
      h('dd', {}, d.format),
      h('dt', {}, 'Models URL'),
      h('dd', { 'data-testid': 'models-url' }, d.models_url ?? 'none'),
      h('dt', {}, 'Key'),
      h('dd', {}, d.takes_key ? 'takes a key' : 'no key (local server)'),
    ),
    ...(d.existing_provider ? [h('p', { class: 'bad' }, `The catalog already has this URL as "${d.existing_provider}".`)] : []),
  ];
}

/** Tests the URL before saving (nothing is written) and shows the outcome in `result`. */
async function testConnection(button: HTMLButtonElement, result: HTMLElement, body: { base_url: string; key_env?: string }): Promise<void> {
  button.disabled = true;
  result.textContent = 'Testing…';
  try {
    const r = await api<{ status: string; models?: number; latencyMs?: number; diagnosis?: string; error?: string; sample?: string[] }>('/api/test', { method: 'POST', body });
    result.className = r.status === 'up' ? 'ok' : 'bad';
    result.textContent =
      r.status === 'up'
        ? `Connected: ${r.models ?? 0} models in ${r.latencyMs ?? 0} ms${r.sample?.length ? ` (${r.sample.join(', ')}…)` : ''}`
        : `Failed: ${r.diagnosis ?? r.error ?? 'no answer'}`;
  } catch (err) {
    result.className = 'bad';
    result.textContent = errorText(err);
  } finally {
    button.disabled = false;
  }
}

export function addProviderPage(): void {
  const url = h('input', { type: 'url', name: 'base_url', required: true, placeholder: 'https://api.example.com/v1', autocomplete: 'off' });
  const name = h('input', { type: 'text', name: 'name', required: true, placeholder: 'Example AI' });
  const id = h('input', { type: 'text', name: 'id', placeholder: 'derived from the name' });
  const keyEnv = h('input', { type: 'text', name: 'key_env', placeholder: '<ID>_API_KEY' });
  const detection = h('div', { class: 'panel', 'data-testid': 'detection', 'aria-live': 'polite' }, h('span', { class: 'muted' }, 'Paste a base URL to see what it is.'));
  const testResult = h('p', { 'data-testid': 'test-result', 'aria-live': 'polite' });

  const body = () => ({
    base_url: url.value.trim(),
    ...(keyEnv.value.trim() ? { key_env: keyEnv.value.trim() } : {}),
  });

  const detect = debounce(async () => {
    if (!url.value.trim()) return;
    try {
      const d = await api<Detection>('/api/providers/detect', { method: 'POST', body: { base_url: url.value.trim() } });
      detection.replaceChildren(...detectionFacts(d));
      if (!name.value && d.detected) name.value = d.detected.name;
      if (!id.value && d.suggested_id) id.placeholder = d.suggested_id;
    } catch (err) {
      detection.replaceChildren(h('span', { class: 'bad' }, errorText(err)));
    }
  }, 250);
  url.addEventListener('input', detect);

  const testButton = h('button', { type: 'button' }, 'Test connection');
  testButton.addEventListener('click', () => void testConnection(testButton, testResult, body()));

  const form = h(
    'form',
    { class: 'form', 'aria-label': 'Add a provider' },
    field('Base URL', url, 'The API base, e.g. https://api.groq.com/openai/v1 or http://localhost:11434'),
    detection,
    field('Name', name),
    field('Id (optional)', id),
    field('Key variable (optional)', keyEnv, 'The environment variable that holds its key; never the key itself.'),
    h('div', { class: 'actions' }, testButton, h('button', { type: 'submit', class: 'primary' }, 'Save')),
    testResult,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await api<{ added: { id: string } }>('/api/providers', {
        method: 'POST',
        body: { ...body(), name: name.value.trim(), ...(id.value.trim() ? { id: id.value.trim() } : {}) },
      });
      toast(`Added provider "${r.added.id}"`);
      location.assign('/providers');
    } catch (err) {
      toast(err instanceof ApiFailure ? err.message : errorText(err), 'error');
    }
  });
  render('Add a provider', h('p', {}, h('a', { href: '/providers' }, '← Providers')), form);
}

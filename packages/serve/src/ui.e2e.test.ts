/**
 * The web UI in a real Chromium (Debian's, driven by playwright-core) against the real `catalog
 * serve` process and the mock provider server. Each page is screenshotted into test-artifacts/ and
 * checked with axe-core. Without a browser the suite skips, except under CI=true where it fails.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestRepo, type TestRepo } from '@llm-catalog/testkit/report';
import type { ModelDocument } from '@llm-catalog/catalog';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticListBody } from '@llm-catalog/testkit/mock-server/synthetic';
import { type MockServer, startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { CHROMIUM_PATH, launchChromium, type ServeProcess, startServeProcess } from '@llm-catalog/testkit/serve-process';
import { CANARY_ENV, CANARY_VALUES, e2eCatalog, openAiList } from '@llm-catalog/testkit/serve';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ARTIFACTS_DIR = join(PACKAGE_DIR, 'test-artifacts');
const hasBrowser = existsSync(CHROMIUM_PATH);

/** Waits for a page state: generous, since CI runs other test files on the same cores. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let mock: MockServer;
let repo: TestRepo;
let server: ServeProcess;
let baseUrl: string;
let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;

/** The env of the server process: gamma's key is left out, so "Sync all" skips it. */
const { GAMMA_API_KEY: _gamma, ...SERVER_KEYS } = CANARY_ENV;

async function apiJson<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`);
  const text = await res.text();
  for (const key of CANARY_VALUES) expect(text).not.toContain(key);
  return JSON.parse(text) as T;
}

/** Screenshot for the artifacts, then axe-core: no serious or critical violation. */
async function checkPage(name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
  const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol, which the page's content security policy does not govern.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${JSON.stringify(v.nodes.map((n) => n.target))})`)).toEqual([]);
  expect(await page.content()).not.toMatch(new RegExp(CANARY_VALUES.join('|')));
}

if (!hasBrowser && process.env.CI === 'true') {
  describe('web UI in Chromium', () => {
    it('needs Chromium: .ci/run installs it with apt-get', () => {
      throw new Error(`no browser at ${CHROMIUM_PATH}; under CI=true the browser tests must run, not skip`);
    });
  });
}

describe.skipIf(!hasBrowser)('web UI in Chromium', { timeout: 60_000 }, () => {
  beforeAll(async () => {
    mock = await startMockServer({
      routes: [
        { path: '/alpha/v1/models', pages: [syntheticListBody([1, 2, 3])], latencyMs: 700 },
        { path: '/beta/v1/models', pages: [openAiList(['acme/chat-large', 'acme/chat-small'])], latencyMs: 300 },
        { path: '/gamma/v1/models', pages: [openAiList(['acme/chat-large'])] },
        { path: '/delta/v1/models', pages: [syntheticListBody([7, 8])] },
      ],
    });
    repo = await makeTestRepo();
    await repo.commitCatalog(e2eCatalog(mock.url, 3), 'catalog: beta at $3', '2026-01-01');
    await repo.commitCatalog(e2eCatalog(mock.url, 2.4), 'catalog: beta at $2.40', '2026-02-01');
    await repo.commitCatalog(e2eCatalog(mock.url, 2), 'catalog: beta at $2', '2026-03-01');
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    server = await startServeProcess(repo.dataDir, SERVER_KEYS);
    baseUrl = server.url;
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.openUrl);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mock?.close();
    await repo?.cleanup();
    for (const key of CANARY_VALUES) expect(server?.stderr() ?? '').not.toContain(key);
  });

  it('opens /providers from the printed link, which leaves the token in a cookie, not in the address', async () => {
    expect(new URL(page.url()).pathname).toBe('/providers');
    expect(page.url()).not.toContain('token');
    await poll(() => page.locator('tr[data-provider]').count()).toBe(3);
    await poll(() => page.locator('tr[data-provider="gamma"]').textContent()).toContain('GAMMA_API_KEY missing');
    await checkPage('providers');
  });

  it('Sync on one provider shows progress, then a toast with the same numbers as the API', async () => {
    await page.getByRole('button', { name: 'Sync Alpha AI' }).click();
    const status = page.getByTestId('status-alpha');
    await poll(() => status.locator('progress').count()).toBe(1);
    const toast = page.getByTestId('toast').filter({ hasText: 'alpha:' });
    await toast.waitFor();
    const job = await apiJson<{ result: { providers: { id: string; status: string; fetched: number; added: number; changed: number; removed: number }[] } }>('/api/sync/jobs/sync-1');
    const p = job.result.providers[0];
    expect(p).toMatchObject({ id: 'alpha', status: 'updated', fetched: 3, added: 3 });
    expect(await toast.textContent()).toBe(`alpha: ${p?.status}: fetched ${p?.fetched}, added ${p?.added}, changed ${p?.changed}, removed ${p?.removed}`);
    await poll(() => page.locator('tr[data-provider="alpha"] td.num').textContent()).toBe('3');
  });

  it('Sync all updates every row as its provider completes', async () => {
    await page.getByRole('button', { name: 'Sync all' }).click();
    await poll(() => page.getByTestId('status-gamma').textContent()).toBe('skipped: GAMMA_API_KEY is not set');
    await page.getByTestId('toast').filter({ hasText: 'Synced 3 providers' }).waitFor();
    const job = await apiJson<{ result: { providers: { id: string; status: string; fetched: number }[] } }>('/api/sync/jobs/sync-2');
    for (const p of job.result.providers) {
      if (p.status === 'skipped') continue;
      await poll(() => page.getByTestId(`status-${p.id}`).textContent()).toContain(`${p.status}: fetched ${p.fetched}`);
    }
    await checkPage('providers-synced');
  });

  it('adds a provider from a pasted URL after testing it', async () => {
    await page.getByRole('link', { name: 'Add a provider' }).click();
    await page.getByLabel('Base URL').fill(`${mock.url}/delta/v1`);
    await poll(() => page.getByTestId('models-url').textContent()).toBe(`${mock.url}/delta/v1/models`);
    await page.getByLabel('Name', { exact: true }).fill('Delta Labs');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await poll(() => page.getByTestId('test-result').textContent()).toMatch(/^Connected: 2 models/);
    await checkPage('add-provider');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/providers$/);
    await poll(() => page.locator('tr[data-provider="delta-labs"]').count()).toBe(1);
    expect(await readFile(join(repo.dataDir, 'providers.json'), 'utf8')).toContain(`"base_url": "${mock.url}/delta/v1"`);
  });

  it('searches models and opens a model page with who serves it and the price-history chart', async () => {
    await page.getByRole('link', { name: 'Models' }).click();
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(/offerings/);
    await page.getByRole('searchbox', { name: 'Search' }).fill('acme large');
    await poll(() => page.locator('[data-testid="model-results"] tbody tr').count()).toBe(2);
    await checkPage('models');
    await page.locator('[data-testid="model-results"] a').first().click();
    await page.waitForURL(/\/models\/chat-large$/);
    await poll(() => page.locator('[data-testid="offerings"] tbody tr').first().getAttribute('data-provider')).toBe('beta');
    await page.getByTestId('price-chart').waitFor();
    expect(await page.locator('[data-testid="price-chart"] path.input').getAttribute('d')).toMatch(/^M[\d.]+ [\d.]+( H[\d.]+ V[\d.]+){2} H[\d.]+$/);
    const doc = await apiJson<ModelDocument>('/api/models/chat-large');
    const shown = page.locator('[data-testid="disagreements"] tbody tr');
    const expected = doc.providers.flatMap((p) => (p.disagreements ?? []).map((d) => [p.provider_id, d.fact, d.statements.map((st) => `${st.source}${st.as_of}`).join(' ')]));
    expect(expected).toContainEqual(['gamma', 'context_window', 'litellm2026-07-24 gamma2026-01-01']);
    await poll(() => shown.count()).toBe(expected.length);
    const rows = await shown.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-offering'), tr.getAttribute('data-fact'), Array.from(tr.querySelectorAll('li'), (li) => li.textContent?.replace(/^(\S+): .*as of (\S+)$/, '$1$2')).join(' ')]),
    );
    expect(rows).toEqual(expected);
    expect(await shown.filter({ hasText: 'context window' }).textContent()).toContain('litellm: 200,000as of 2026-07-24gamma: 128,000as of 2026-01-01');
    await checkPage('model');
  });

  it('disables an offering with a reason, written as a manual override to overrides.json', async () => {
    await page.locator('tr[data-provider="gamma"]').getByRole('button', { name: 'Disable…' }).click();
    await page.getByLabel('Reason to disable at Gamma AI').fill('e2e: gamma withdrew it');
    await page.locator('tr[data-provider="gamma"]').getByRole('button', { name: 'Disable', exact: true }).click();
    await page.getByTestId('toast').filter({ hasText: 'gamma: disabled' }).waitFor();
    const overrides = JSON.parse(await readFile(join(repo.dataDir, 'overrides.json'), 'utf8')) as { overrides: Record<string, unknown>[] };
    expect(overrides.overrides).toContainEqual({
      provider_id: 'gamma',
      model_id: 'chat-large',
      priority: 100,
      reason: 'e2e: gamma withdrew it',
      disabled: true,
    });
    await poll(() => page.locator('tr[data-provider="gamma"]').textContent()).toContain('disabled: e2e: gamma withdrew it');
  });

  it('shows the pending changes against HEAD with their risk flags first', async () => {
    await page.getByRole('link', { name: 'Changes' }).click();
    await page.getByTestId('change-totals').waitFor();
    const report = await apiJson<{ risks: { message: string }[]; totals: { providers_changed: number } }>('/api/changes');
    expect(report.totals.providers_changed).toBeGreaterThan(0);
    expect(await page.getByTestId('risk').count()).toBe(report.risks.length);
    await poll(() => page.locator('h2').first().textContent()).toMatch(/^Risk flags/);
    await checkPage('changes');
  });
});

/** The repository's committed catalog, served from a copy (the tests only read, but data/ stays untouched either way). */
const COMMITTED_DATA = resolve(PACKAGE_DIR, '..', '..', 'data');

describe.skipIf(!hasBrowser)('web UI in Chromium on the committed catalog', { timeout: 60_000 }, () => {
  let copy: string;

  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'llm-catalog-committed-'));
    await cp(COMMITTED_DATA, copy, { recursive: true });
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    server = await startServeProcess(copy, {});
    baseUrl = server.url;
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await rm(copy, { recursive: true, force: true });
  });

  it('opens a model many providers serve, with every offering and the disagreements its API document lists', async () => {
    const doc = await apiJson<ModelDocument>('/api/models/claude-sonnet-4-5');
    expect(doc.providers.length).toBeGreaterThan(10);
    await page.goto(`${baseUrl}/models/claude-sonnet-4-5`);
    await poll(() => page.locator('[data-testid="offerings"] tbody tr').count()).toBe(doc.providers.length);
    const expected = doc.providers.flatMap((p) => (p.disagreements ?? []).map((d) => `${p.provider_id} ${d.fact}`));
    expect(expected.length).toBeGreaterThan(0);
    const shown = await page.locator('[data-testid="disagreements"] tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-offering')} ${tr.getAttribute('data-fact')}`));
    expect(shown).toEqual(expected);
    await checkPage('model-committed');
  });

  it('searches the full catalog from the models page', async () => {
    await page.goto(`${baseUrl}/models`);
    await poll(() => page.getByTestId('result-count').textContent()).toMatch(/^[\d,]+ offerings/);
    const all = await page.getByTestId('result-count').textContent();
    await page.getByRole('searchbox', { name: 'Search' }).fill('claude sonnet 4.5');
    await poll(() => page.getByTestId('result-count').textContent()).not.toBe(all);
    const names = await page.locator('[data-testid="model-results"] tbody tr td:first-child').allTextContents();
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(name.toLowerCase()).toMatch(/claude.*sonnet.*4[.-]5/);
    await checkPage('models-committed');
  });
});

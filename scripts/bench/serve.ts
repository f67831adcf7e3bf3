/**
 * The `catalog serve` part of `pnpm bench`, on a generated catalog of realistic size (the committed
 * data may be empty):
 *   (s1) models search API, 50 concurrent clients for 10 s on 127.0.0.1       target p95 < 50 ms, 0 errors
 *   (s2) the models page in Chromium, navigation to its first result rows       target < 1 s
 */
import { existsSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM_PATH, launchChromium, startServeProcess } from '@llm-catalog/testkit/serve-process';
import { type BenchCatalogSpec, generateBenchCatalog, writeBenchDataDir } from './catalog.ts';
import { median } from './measure.ts';

/** 40 providers serving 6,000 offerings of 2,000 models: the size of a well-filled catalog. */
export const SERVE_SPEC: BenchCatalogSpec = { providers: 40, models: 2000, overrides: 6000 };
const CLIENTS = 50;
const DURATION_MS = 10_000;
const P95_TARGET_MS = 50;
const PAGE_TARGET_MS = 1000;
const PAGE_RUNS = 5;

/** What people type and pick: words, a provider, a capability, price and context bounds, each sort. */
const QUERIES = [
  '',
  'q=model%2012',
  'q=synthetic&sort=input_price',
  'provider=synthetic-007',
  'capability=FUNCTION_CALL&sort=context',
  'max_input_price=0.5&sort=output_price',
  'min_context=128000&offset=50',
  'q=model&provider=synthetic-021&sort=provider',
];

export interface ServeBenchRow {
  title: string;
  measured: string;
  target: string;
  result: 'PASS' | 'MISS' | 'SKIP' | 'ERROR';
  detail: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One GET with a kept-alive connection: plain node:http costs the measuring side less CPU than fetch. */
function getJson(agent: Agent, url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        } catch (err) {
          reject(err);
        }
      });
    }).on('error', reject);
  });
}

async function loadTest(url: string): Promise<ServeBenchRow> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  const end = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; performance.now() < end; i++) {
        const start = performance.now();
        try {
          const res = await getJson(agent, `${url}/api/models?${QUERIES[i % QUERIES.length]}`);
          if (res.status !== 200 || typeof (res.body as { total?: unknown }).total !== 'number') throw new Error(`HTTP ${res.status}`);
          latencies.push(performance.now() - start);
        } catch (err) {
          errors += 1;
          firstError ||= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return {
    title: `(s1) models search API: ${CLIENTS} clients for ${DURATION_MS / 1000} s`,
    measured: `p95 ${p95.toFixed(1)} ms`,
    target: `p95 < ${P95_TARGET_MS} ms, 0 errors`,
    result: p95 < P95_TARGET_MS && errors === 0 ? 'PASS' : 'MISS',
    detail: `${sorted.length} requests (${Math.round(sorted.length / (DURATION_MS / 1000))}/s), p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, ${errors} errors${firstError ? ` (${firstError})` : ''}`,
  };
}

async function pageLoad(openUrl: string, url: string): Promise<ServeBenchRow> {
  const title = '(s2) models page in Chromium: first results';
  const target = `< ${(PAGE_TARGET_MS / 1000).toFixed(2)} s`;
  if (!existsSync(CHROMIUM_PATH)) return { title, measured: '-', target, result: 'SKIP', detail: `no browser at ${CHROMIUM_PATH}` };
  const browser = await launchChromium();
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(openUrl);
    const times: number[] = [];
    for (let i = 0; i < PAGE_RUNS; i++) {
      const start = performance.now();
      await page.goto(`${url}/models`);
      await page.locator('[data-testid="model-results"] tbody tr').first().waitFor();
      times.push(performance.now() - start);
    }
    const m = median(times);
    return { title, measured: `${(m / 1000).toFixed(2)} s`, target, result: m < PAGE_TARGET_MS ? 'PASS' : 'MISS', detail: `median of ${PAGE_RUNS}: ${times.map((t) => (t / 1000).toFixed(2)).join(' ')}` };
  } finally {
    await browser.close();
  }
}

/** Runs (s1) and (s2) against one `catalog serve` process on a generated data directory under `root`. */
export async function runServeBench(root: string): Promise<ServeBenchRow[]> {
  const dataDir = join(root, 'serve-data');
  await writeBenchDataDir(dataDir, generateBenchCatalog(SERVE_SPEC, 'http://127.0.0.1:9'));
  const server = await startServeProcess(dataDir, {});
  try {
    // The first request reads the catalog and bundles the UI: start-up, not what is measured.
    await fetch(`${server.url}/api/models`);
    await fetch(`${server.url}/assets/app.js`);
    const rows = [await loadTest(server.url)];
    rows.push(await pageLoad(server.openUrl, server.url));
    return rows;
  } catch (err) {
    return [{ title: '(s1)/(s2) catalog serve', measured: 'ERROR', target: '-', result: 'ERROR', detail: `${err instanceof Error ? err.message : String(err)}; ${server.stderr()}` }];
  } finally {
    await server.stop();
  }
}

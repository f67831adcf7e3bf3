/**
 * `pnpm bench`: measures the speed targets of the sync against the mock provider server, each run
 * a fresh CLI process on a fresh copy of a synthetic data directory, and prints one table.
 *
 *   (0)  process start alone (`catalog --help`), for reference
 *   (a)  `sync --all` over 50 providers that each answer after 300 ms           target < 1.5 s
 *   (a*) the same with every provider fetched at once, for reference
 *   (b)  `sync` of one 600-model provider into 5,000 models / 25,000 overrides  target < 1 s
 *   (c)  `import models.dev --from` a 5,200-offering body into the catalog of (b) target < 2 s
 *   peak RSS of (a), (b) and (c)                                                target < 300 MB
 *   (d), (e) `catalog serve`: search API under load, models page in Chromium (see serve.ts)
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalog } from '@llm-catalog/catalog';
import { DEFAULT_CONCURRENCY } from '@llm-catalog/sync';
import { catalogCliArgv } from '../catalog-cli.ts';
import type { MockRoute } from '../mock-server/routes.ts';
import { startMockServer } from '../mock-server/server.ts';
import { syntheticListBody, syntheticProviderId, syntheticRoutePath, syntheticRoutes } from '../mock-server/synthetic.ts';
import {
  BENCH_KEY_ENV,
  generateBenchCatalog,
  servedModelNumbers,
  syntheticModelsDevBody,
  syntheticProvider,
  writeBenchDataDir,
} from './catalog.ts';
import { type Measurement, measureCommand, median, rssMethod } from './measure.ts';
import { runServeBench, SERVE_SPEC, type ServeBenchRow } from './serve.ts';

const RSS_TARGET_MB = 300;

interface Scenario {
  key: string;
  title: string;
  targetMs?: number;
  routes: () => MockRoute[];
  catalog: (mockUrl: string) => Catalog;
  /** The CLI arguments; `root` is a directory for files the scenario writes first (see `files`). */
  args: (root: string) => string[];
  /** Files written into `root` once, before the runs. */
  files?: () => Record<string, string>;
  /** Why a run did not do the work it is timed for, or undefined when it did. */
  check: (run: Measurement) => string | undefined;
}

interface SyncJson {
  providers?: { id: string; status: string; fetched?: number; error?: string }[];
}

function syncCheck(expect: { providers: number; fetchedEach: number }) {
  return (run: Measurement): string | undefined => {
    if (run.exitCode !== 0) return `exit code ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`;
    let result: SyncJson;
    try {
      result = JSON.parse(run.stdout) as SyncJson;
    } catch {
      return `stdout is not one JSON document: ${run.stdout.slice(0, 200)}`;
    }
    const providers = result.providers ?? [];
    if (providers.length !== expect.providers) return `${providers.length} providers in the result, expected ${expect.providers}`;
    const wrong = providers.find((p) => p.status !== 'updated' || p.fetched !== expect.fetchedEach);
    if (wrong) return `${wrong.id}: ${wrong.status}, fetched ${wrong.fetched ?? '?'}${wrong.error ? ` (${wrong.error})` : ''}`;
    return undefined;
  };
}

const A = { providers: 50, modelsEach: 40, pool: 1000, latencyMs: 300 };
const B = { providers: 50, models: 5000, overrides: 25_000, served: 600 };
/** A models.dev body of 50 x 104 = 5,200 offerings, the size of the real file. */
const C = { perProvider: 104 };

const scenarioARoutes = () =>
  syntheticRoutes({ providers: A.providers, modelsPerProvider: A.modelsEach, poolSize: A.pool, latencyMs: A.latencyMs });
const scenarioACatalog = (url: string): Catalog => ({
  providers: Array.from({ length: A.providers }, (_, i) => syntheticProvider(i, url)),
  models: [],
  overrides: [],
});

const SCENARIOS: Scenario[] = [
  {
    key: '(0)',
    title: 'process start only: catalog --help',
    routes: () => [],
    catalog: () => ({ providers: [], models: [], overrides: [] }),
    args: () => ['--help'],
    check: (run) => (run.exitCode === 0 ? undefined : `exit code ${run.exitCode}`),
  },
  {
    key: '(a)',
    title: `sync --all: ${A.providers} providers x ${A.modelsEach} models, each answering after ${A.latencyMs} ms`,
    targetMs: 1500,
    routes: scenarioARoutes,
    catalog: scenarioACatalog,
    args: () => ['sync', '--all', '--json'],
    check: syncCheck({ providers: A.providers, fetchedEach: A.modelsEach }),
  },
  {
    // Not a target: shows how much of (a) is the default concurrency limit rather than the work.
    key: '(a*)',
    title: `(a) with --concurrency ${A.providers}: every provider fetched at once`,
    routes: scenarioARoutes,
    catalog: scenarioACatalog,
    args: () => ['sync', '--all', '--json', '--concurrency', String(A.providers)],
    check: syncCheck({ providers: A.providers, fetchedEach: A.modelsEach }),
  },
  {
    key: '(b)',
    title: `sync 1 provider (${B.served} models) into ${B.models.toLocaleString('en')} models / ${B.overrides.toLocaleString('en')} overrides`,
    targetMs: 1000,
    routes: () => [
      {
        path: syntheticRoutePath(0),
        pages: [syntheticListBody(servedModelNumbers(B, 0, B.served))],
      },
    ],
    catalog: (url) => generateBenchCatalog(B, url),
    args: () => ['sync', syntheticProviderId(0), '--json'],
    check: syncCheck({ providers: 1, fetchedEach: B.served }),
  },
  {
    key: '(c)',
    title: `import models.dev (${(B.providers * C.perProvider).toLocaleString('en')} offerings) into the catalog of (b)`,
    targetMs: 2000,
    routes: () => [],
    catalog: (url) => generateBenchCatalog(B, url),
    files: () => ({ 'models-dev.json': JSON.stringify(syntheticModelsDevBody(B, C.perProvider)) }),
    args: (root) => ['import', 'models.dev', '--from', join(root, 'models-dev.json'), '--as-of', '2026-06-13', '--json'],
    check: syncCheck({ providers: B.providers, fetchedEach: C.perProvider }),
  },
];

interface ScenarioResult {
  scenario: Scenario;
  wallMs: number[];
  peakRssKiB: number[];
  error?: string;
}

async function runScenario(scenario: Scenario, runs: number, cli: string[], root: string): Promise<ScenarioResult> {
  const server = await startMockServer({ routes: scenario.routes() });
  const result: ScenarioResult = { scenario, wallMs: [], peakRssKiB: [] };
  try {
    for (const [name, text] of Object.entries(scenario.files?.() ?? {})) await writeFile(join(root, name), text);
    const pristine = join(root, `pristine-${scenario.key.replace(/\W/g, '')}`);
    await writeBenchDataDir(pristine, scenario.catalog(server.url));
    for (let i = 0; i < runs; i++) {
      const dataDir = join(root, `run-${scenario.key.replace(/\W/g, '')}-${i}`);
      await cp(pristine, dataDir, { recursive: true });
      const run = await measureCommand([...cli, '--data', dataDir, ...scenario.args(root)], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, [BENCH_KEY_ENV]: 'bench-key', NO_COLOR: '1' },
      });
      await rm(dataDir, { recursive: true, force: true });
      const problem = scenario.check(run);
      if (problem) {
        result.error = problem;
        break;
      }
      result.wallMs.push(run.wallMs);
      if (run.peakRssKiB !== undefined) result.peakRssKiB.push(run.peakRssKiB);
      process.stderr.write(`${scenario.key} run ${i + 1}/${runs}: ${(run.wallMs / 1000).toFixed(2)} s\n`);
    }
  } finally {
    await server.close();
  }
  return result;
}

/** Timings on a busy machine are not the code's: say how busy it was. */
function loadNote(loadBefore: number): string {
  const cpus = availableParallelism();
  const [loadAfter = 0] = loadavg();
  const busiest = Math.max(loadBefore, loadAfter);
  const note = `Load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${cpus} CPU${cpus === 1 ? '' : 's'}`;
  return busiest > cpus ? `${note}: other work competed for the CPUs, so these figures are inflated.` : `${note}.`;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const megabytes = (kib: number) => (kib * 1024) / 1e6;

function table(results: ScenarioResult[], runs: number): string {
  const rows: string[][] = [['', 'measured', 'target', 'result', `runs (${runs}, seconds)`]];
  for (const { scenario, wallMs, peakRssKiB, error } of results) {
    if (error) {
      rows.push([`${scenario.key} ${scenario.title}`, 'ERROR', scenario.targetMs ? `< ${seconds(scenario.targetMs)}` : '-', 'ERROR', error]);
      continue;
    }
    const m = median(wallMs);
    rows.push([
      `${scenario.key} ${scenario.title}`,
      seconds(m),
      scenario.targetMs ? `< ${seconds(scenario.targetMs)}` : '-',
      scenario.targetMs ? (m < scenario.targetMs ? 'PASS' : 'MISS') : '-',
      wallMs.map((ms) => (ms / 1000).toFixed(2)).join(' '),
    ]);
    if (scenario.targetMs) {
      const peak = peakRssKiB.length > 0 ? megabytes(Math.max(...peakRssKiB)) : undefined;
      rows.push([
        `${scenario.key} peak RSS (highest of the runs)`,
        peak === undefined ? 'n/a' : `${peak.toFixed(0)} MB`,
        `< ${RSS_TARGET_MB} MB`,
        peak === undefined ? 'n/a' : peak < RSS_TARGET_MB ? 'PASS' : 'MISS',
        '',
      ]);
    }
  }
  return alignColumns(rows);
}

/** Rows of cells as left-aligned columns two spaces apart. */
function alignColumns(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd()).join('\n');
}

function serveTable(rows: ServeBenchRow[]): string {
  return alignColumns([['', 'measured', 'target', 'result', 'detail'], ...rows.map((r) => [r.title, r.measured, r.target, r.result, r.detail])]);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write('Usage: pnpm bench [--runs N]   (default 5 runs per scenario; prints the median)\n');
    return 0;
  }
  const runs = Number(values.runs ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`error: --runs must be a whole number >= 1, got "${values.runs}"\n`);
    return 2;
  }
  const cli = catalogCliArgv();
  const method = await rssMethod();
  const loadBefore = loadavg()[0] ?? 0;
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-bench-'));
  const results: ScenarioResult[] = [];
  let serveRows: ServeBenchRow[] = [];
  try {
    for (const scenario of SCENARIOS) results.push(await runScenario(scenario, runs, cli, root));
    serveRows = await runServeBench(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const rssHow = { time: '/usr/bin/time', proc: 'polling /proc', none: 'not measurable here' }[method];
  process.stdout.write(
    `\npnpm bench: median of ${runs} runs; each run is a fresh CLI process (node + the bundled CLI) on a fresh\n` +
      `copy of a synthetic data directory, against the local mock server. Peak RSS by ${rssHow}.\n` +
      `${loadNote(loadBefore)}\n\n` +
      `${table(results, runs)}\n\n` +
      `${concurrencyFloorNote()}\n\n` +
      `catalog serve on a generated catalog of ${SERVE_SPEC.overrides.toLocaleString('en')} offerings (${SERVE_SPEC.models.toLocaleString('en')} models, ${SERVE_SPEC.providers} providers), one server process:\n\n` +
      `${serveTable(serveRows)}\n`,
  );
  return results.some((r) => r.error) || serveRows.some((r) => r.result === 'ERROR') ? 1 : 0;
}

/**
 * (a) at the default concurrency has a floor no code can lower: the providers are fetched in waves,
 * and each wave waits for the mock's latency. Said under the table so a MISS is read correctly.
 */
function concurrencyFloorNote(): string {
  const waves = Math.ceil(A.providers / DEFAULT_CONCURRENCY);
  const floor = (waves * A.latencyMs) / 1000;
  return (
    `Note: at the default --concurrency ${DEFAULT_CONCURRENCY}, (a) runs ${A.providers} providers in ${waves} waves of ` +
    `${A.latencyMs} ms: ${floor.toFixed(1)} s of waiting before any work, above the 1.5 s target.\n` +
    `(a*) is the same run with every provider in flight; the difference between them is that wait.`
  );
}

process.exitCode = await main();

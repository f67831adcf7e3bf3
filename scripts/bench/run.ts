/**
 * `pnpm bench`: measures the speed targets of the CLI, each run a fresh CLI process on a fresh copy
 * of a data directory (synthetic, against the mock provider server, or the committed data/), and
 * prints one table with PASS/MISS per target.
 *
 *   (0)    process start alone (`catalog --help`), for reference
 *   (a)    `sync --all` in the seed's workload shape: 46 providers, 4,002 models, 300 ms each   < 0.8 s
 *   (a8)   (a) at `--concurrency 8`, the earlier default, for reference
 *   (a50)  `sync --all` over 50 providers x 40 models, each answering after 300 ms          < 1.5 s
 *   (b)    `sync` of one 600-model provider into 5,000 models / 25,000 overrides            < 1 s
 *   (m)    `import models.dev --from` a 5,200-offering body into the catalog of (b)          < 2 s
 *   (c500) re-sync of 500 providers x 100 models (50,000 overrides), for the ratio below
 *   (c)    re-sync of 1,000 providers x 100 models (100,000 overrides)                       < 3 s
 *          and (c) / (c500) at most 2: doubling the providers at most doubles the time
 *   (d1-3) `validate`, `build`, `cost` on the committed catalog                              < 0.3 s each
 *   (e1)   `validate` (the load) on a generated catalog of 50,000 offerings                  < 1 s
 *   (e2)   `sync` of one 500-model provider into that catalog (load + merge + write)         < 1 s
 *   peak RSS of every targeted row                                                           < 300 MB
 *   (s1), (s2) `catalog serve`: search API under load, models page in Chromium (see serve.ts)
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalog } from '@llm-catalog/catalog';
import { catalogCliArgv, REPO_ROOT } from '@llm-catalog/testkit/repo';
import type { MockRoute } from '@llm-catalog/testkit/mock-server/routes';
import { startMockServer } from '@llm-catalog/testkit/mock-server/server';
import {
  syntheticListBody,
  syntheticModelNumbers,
  syntheticProviderId,
  syntheticRoutePath,
  syntheticRoutes,
} from '@llm-catalog/testkit/mock-server/synthetic';
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
  /** The data directory to run on: a catalog written for the run, or a directory copied as it is. */
  catalog: ((mockUrl: string) => Catalog) | { copyOf: string };
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

/** The seed's real-size workload: 46 providers, about 4,000 models, every answer after 300 ms. */
const SEED = { providers: 46, modelsEach: 87, latencyMs: 300 };
const A = { providers: 50, modelsEach: 40, pool: 1000, latencyMs: 300 };
const B = { providers: 50, models: 5000, overrides: 25_000, served: 600 };
/** A models.dev body of 50 x 104 = 5,200 offerings, the size of the real file. */
const C = { perProvider: 104 };
/** Re-sync at scale: every provider lists the 100 models it already serves (10 providers per model). */
const RESYNC = { modelsEach: 100, modelsPerProvider: 10 };
/** The committed catalog at 10x: 50,000 offerings. */
const E = { providers: 100, models: 10_000, overrides: 50_000, served: 500 };
const COMMITTED_DATA = join(REPO_ROOT, 'data');

const seedRoutes = () =>
  Array.from({ length: SEED.providers }, (_, i) => ({
    path: syntheticRoutePath(i),
    pages: [syntheticListBody(syntheticModelNumbers(i, SEED.modelsEach, SEED.providers * SEED.modelsEach, SEED.modelsEach))],
    latencyMs: SEED.latencyMs,
  }));
const providersOnly = (count: number) => (url: string): Catalog => ({
  providers: Array.from({ length: count }, (_, i) => syntheticProvider(i, url)),
  models: [],
  overrides: [],
});
const scenarioARoutes = () =>
  syntheticRoutes({ providers: A.providers, modelsPerProvider: A.modelsEach, poolSize: A.pool, latencyMs: A.latencyMs });

/** `sync --all` of providers that start with no models, each listing `modelsEach`. */
function syncAllScenario(
  key: string,
  title: string,
  shape: { providers: number; modelsEach: number },
  routes: () => MockRoute[],
  options: { targetMs?: number; args?: string[] },
): Scenario {
  return {
    key,
    title,
    ...(options.targetMs ? { targetMs: options.targetMs } : {}),
    routes,
    catalog: providersOnly(shape.providers),
    args: () => ['sync', '--all', '--json', ...(options.args ?? [])],
    check: syncCheck({ providers: shape.providers, fetchedEach: shape.modelsEach }),
  };
}

/** A catalog of `providers` x 100 offerings whose every provider answers with the list it is known to serve. */
function resyncScenario(key: string, providers: number, targetMs?: number): Scenario {
  const spec = { providers, models: providers * RESYNC.modelsEach / RESYNC.modelsPerProvider, overrides: providers * RESYNC.modelsEach };
  return {
    key,
    title: `re-sync --all: ${providers.toLocaleString('en')} providers x ${RESYNC.modelsEach} models (${spec.overrides.toLocaleString('en')} overrides)`,
    ...(targetMs ? { targetMs } : {}),
    routes: () =>
      Array.from({ length: providers }, (_, i) => ({
        path: syntheticRoutePath(i),
        pages: [syntheticListBody(servedModelNumbers(spec, i, RESYNC.modelsEach))],
      })),
    catalog: (url) => generateBenchCatalog(spec, url),
    args: () => ['sync', '--all', '--json'],
    check: syncCheck({ providers, fetchedEach: RESYNC.modelsEach }),
  };
}

const exitedOk = (run: Measurement) =>
  run.exitCode === 0 ? undefined : `exit code ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`;

/** A provider and model of the committed catalog with a price, for `cost`. */
async function pricedOffering(): Promise<[string, string]> {
  const { overrides } = JSON.parse(await readFile(join(COMMITTED_DATA, 'overrides.json'), 'utf8')) as {
    overrides: { provider_id: string; model_id: string; variant?: string; pricing?: { input?: unknown } }[];
  };
  const o = overrides.find((x) => x.pricing?.input !== undefined && x.variant === undefined);
  if (!o) throw new Error('the committed catalog has no priced offering for the cost benchmark');
  return [o.provider_id, o.model_id];
}

function scenarios(offering: [string, string]): Scenario[] {
  const committed = { copyOf: COMMITTED_DATA };
  return [
    {
      key: '(0)',
      title: 'process start only: catalog --help',
      routes: () => [],
      catalog: () => ({ providers: [], models: [], overrides: [] }),
      args: () => ['--help'],
      check: exitedOk,
    },
    syncAllScenario(
      '(a)',
      `sync --all, the seed's workload: ${SEED.providers} providers, ${(SEED.providers * SEED.modelsEach).toLocaleString('en')} models, ${SEED.latencyMs} ms each, default settings`,
      SEED,
      seedRoutes,
      { targetMs: 800 },
    ),
    // Not a target: the earlier default, fetching in waves; the difference to (a) is that wait.
    syncAllScenario('(a8)', '(a) with --concurrency 8, the earlier default', SEED, seedRoutes, { args: ['--concurrency', '8'] }),
    syncAllScenario(
      '(a50)',
      `sync --all: ${A.providers} providers x ${A.modelsEach} models, each answering after ${A.latencyMs} ms`,
      A,
      scenarioARoutes,
      { targetMs: 1500 },
    ),
    {
      key: '(b)',
      title: `sync 1 provider (${B.served} models) into ${B.models.toLocaleString('en')} models / ${B.overrides.toLocaleString('en')} overrides`,
      targetMs: 1000,
      routes: () => [{ path: syntheticRoutePath(0), pages: [syntheticListBody(servedModelNumbers(B, 0, B.served))] }],
      catalog: (url) => generateBenchCatalog(B, url),
      args: () => ['sync', syntheticProviderId(0), '--json'],
      check: syncCheck({ providers: 1, fetchedEach: B.served }),
    },
    {
      key: '(m)',
      title: `import models.dev (${(B.providers * C.perProvider).toLocaleString('en')} offerings) into the catalog of (b)`,
      targetMs: 2000,
      routes: () => [],
      catalog: (url) => generateBenchCatalog(B, url),
      files: () => ({ 'models-dev.json': JSON.stringify(syntheticModelsDevBody(B, C.perProvider)) }),
      args: (root) => ['import', 'models.dev', '--from', join(root, 'models-dev.json'), '--as-of', '2026-06-13', '--json'],
      check: syncCheck({ providers: B.providers, fetchedEach: C.perProvider }),
    },
    resyncScenario('(c500)', 500),
    resyncScenario('(c)', 1000, 3000),
    { key: '(d1)', title: 'validate the committed catalog', targetMs: 300, routes: () => [], catalog: committed, args: () => ['validate'], check: exitedOk },
    {
      key: '(d2)',
      title: 'build the committed catalog (one resolved JSON file)',
      targetMs: 300,
      routes: () => [],
      catalog: committed,
      args: (root) => ['build', '--out', join(root, 'build-out', 'catalog.json')],
      check: exitedOk,
    },
    {
      key: '(d3)',
      title: `cost ${offering.join(' ')} on the committed catalog`,
      targetMs: 300,
      routes: () => [],
      catalog: committed,
      args: () => ['cost', ...offering, '--input', '12000', '--output', '800'],
      check: exitedOk,
    },
    {
      key: '(e1)',
      title: `validate a generated catalog of ${E.overrides.toLocaleString('en')} offerings (${E.models.toLocaleString('en')} models)`,
      targetMs: 1000,
      routes: () => [],
      catalog: (url) => generateBenchCatalog(E, url),
      args: () => ['validate'],
      check: exitedOk,
    },
    {
      key: '(e2)',
      title: `sync 1 provider (${E.served} models) into that ${E.overrides.toLocaleString('en')}-offering catalog`,
      targetMs: 1000,
      routes: () => [{ path: syntheticRoutePath(0), pages: [syntheticListBody(servedModelNumbers(E, 0, E.served))] }],
      catalog: (url) => generateBenchCatalog(E, url),
      args: () => ['sync', syntheticProviderId(0), '--json'],
      check: syncCheck({ providers: 1, fetchedEach: E.served }),
    },
  ];
}

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
    if (typeof scenario.catalog === 'function') await writeBenchDataDir(pristine, scenario.catalog(server.url));
    else await cp(scenario.catalog.copyOf, pristine, { recursive: true });
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
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: pnpm bench [--runs N] [--only a,c500,c,s]\n' +
        '  --runs N   runs per scenario (default 5); the median is printed\n' +
        '  --only     the rows to run, by key without parentheses (s: the catalog serve rows)\n',
    );
    return 0;
  }
  const only = values.only?.split(',').map((k) => k.trim());
  const wanted = (key: string) => !only || only.includes(key.replace(/[()]/g, ''));
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
    for (const scenario of scenarios(await pricedOffering()).filter((x) => wanted(x.key))) {
      results.push(await runScenario(scenario, runs, cli, root));
    }
    if (wanted('s')) serveRows = await runServeBench(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  const rssHow = { time: '/usr/bin/time', proc: 'polling /proc', none: 'not measurable here' }[method];
  process.stdout.write(
    `\npnpm bench: median of ${runs} runs; each run is a fresh CLI process (node + the bundled CLI) on a fresh\n` +
      `copy of a synthetic data directory, against the local mock server. Peak RSS by ${rssHow}.\n` +
      `${loadNote(loadBefore)}\n\n` +
      `${table(results, runs)}\n\n` +
      `${growthNote(results)}\n\n` +
      `catalog serve on a generated catalog of ${SERVE_SPEC.overrides.toLocaleString('en')} offerings (${SERVE_SPEC.models.toLocaleString('en')} models, ${SERVE_SPEC.providers} providers), one server process:\n\n` +
      `${serveTable(serveRows)}\n`,
  );
  return results.some((r) => r.error) || serveRows.some((r) => r.result === 'ERROR') ? 1 : 0;
}

/** Doubling the providers of the re-sync may at most double its time: (c) against (c500). */
function growthNote(results: ScenarioResult[]): string {
  const time = (key: string) => {
    const r = results.find((x) => x.scenario.key === key);
    return r && !r.error && r.wallMs.length > 0 ? median(r.wallMs) : undefined;
  };
  const half = time('(c500)');
  const full = time('(c)');
  if (half === undefined || full === undefined) return 'Growth (c) / (c500): ERROR, a run failed';
  const ratio = full / half;
  return `Growth: 1,000 providers (c) take ${ratio.toFixed(2)}x the time of 500 (c500); target at most 2x: ${ratio <= 2 ? 'PASS' : 'MISS'}`;
}

process.exitCode = await main();

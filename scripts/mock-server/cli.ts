/**
 * `pnpm mock`: runs the mock provider server until Ctrl-C and prints what it serves, so the CLI
 * can be tried against it by hand (point a provider's `models_api` URL at one of the routes).
 */
import { parseArgs } from 'node:util';
import { fixtureRoutes, PROVIDER_FIXTURES, fixtureRoutePath, type FixtureScenario } from '@llm-catalog/testkit/fixtures';
import type { MockFault, MockRoute } from '@llm-catalog/testkit/mock-server/routes';
import { startMockServer } from '@llm-catalog/testkit/mock-server/server';
import { syntheticRoutes } from '@llm-catalog/testkit/mock-server/synthetic';

const USAGE = `Usage: pnpm mock [options]

Serves the hand-written list-models fixtures of ${PROVIDER_FIXTURES.length} providers on 127.0.0.1, one example
route per fault, and optionally synthetic providers. Runs until Ctrl-C.

Options:
  --port <n>          port to listen on (default: a free port)
  --latency <ms>      delay every answer (default: 0)
  --scenario <name>   initial | changed: which fixture bodies to serve (default: initial)
  --synthetic <n>     also serve n synthetic providers (/synthetic-001/v1/models, ...)
  --models <m>        models per synthetic provider (default: 40)
  -h, --help          show this help
`;

/** One example route per fault, all serving the OpenAI fixture when they answer normally. */
const FAULT_EXAMPLES: { name: string; fault: MockFault; note: string }[] = [
  { name: 'rate-limit', fault: { kind: 'rate-limit', times: 2, retryAfter: '1' }, note: '429 twice (Retry-After: 1), then the list' },
  { name: 'server-error', fault: { kind: 'server-error', status: 503 }, note: '503 on every request' },
  { name: 'flaky', fault: { kind: 'server-error', status: 502, times: 1 }, note: '502 once, then the list' },
  { name: 'html', fault: { kind: 'html-error' }, note: 'a 502 HTML error page' },
  { name: 'truncated', fault: { kind: 'truncated-json' }, note: '200 with half a JSON body' },
  { name: 'dropped', fault: { kind: 'truncated-json', mode: 'connection' }, note: 'connection dropped mid-body' },
  { name: 'slow', fault: { kind: 'slow', delayMs: 60_000 }, note: 'answers after 60 s' },
  { name: 'empty', fault: { kind: 'empty-list' }, note: '200 with an empty list' },
  { name: 'success-false', fault: { kind: 'error-body', style: 'success-false' }, note: '200 with {success:false,message}' },
  { name: 'error-object', fault: { kind: 'error-body', style: 'error-object' }, note: '200 with {error:{message}}' },
  { name: 'unauthorized', fault: { kind: 'unauthorized', echoKey: true }, note: '401 that repeats the key it got' },
];

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a whole number >= 0, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        latency: { type: 'string' },
        scenario: { type: 'string' },
        synthetic: { type: 'string' },
        models: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const scenario = (values.scenario ?? 'initial') as FixtureScenario;
  if (scenario !== 'initial' && scenario !== 'changed') fail(`--scenario must be initial or changed, got "${scenario}"`);
  const port = wholeNumber(values.port, 'port', 0);
  const latencyMs = wholeNumber(values.latency, 'latency', 0);
  const synthetic = wholeNumber(values.synthetic, 'synthetic', 0);
  const modelsPerProvider = wholeNumber(values.models, 'models', 40);

  const fixtures = await fixtureRoutes(scenario);
  const openaiBody = fixtures.find((r) => r.path === '/openai/v1/models')?.pages ?? [];
  const faults: MockRoute[] = FAULT_EXAMPLES.map((f) => ({
    path: `/faults/${f.name}/v1/models`,
    pages: openaiBody,
    fault: f.fault,
    label: f.note,
  }));
  const generated = synthetic > 0 ? syntheticRoutes({ providers: synthetic, modelsPerProvider }) : [];

  const server = await startMockServer({ routes: [...fixtures, ...faults, ...generated], port, latencyMs }).catch(
    (err: NodeJS.ErrnoException) => fail(err.code === 'EADDRINUSE' ? `port ${port} is already in use` : err.message),
  );
  const out: string[] = [`mock provider server on ${server.url} (Ctrl-C to stop)`, ''];
  out.push(`fixtures (scenario: ${scenario}${latencyMs ? `, latency ${latencyMs} ms` : ''})`);
  for (const f of PROVIDER_FIXTURES) {
    const paging = f.paging ? `  (${f.pages.length} pages, ${f.paging} cursor)` : '';
    out.push(`  ${f.providerId.padEnd(12)} ${server.url}${fixtureRoutePath(f)}${paging}`);
  }
  out.push('', 'faults (OpenAI-shaped list when they answer normally)');
  for (const r of faults) out.push(`  ${server.url}${r.path.padEnd(34)} ${r.label}`);
  if (generated.length > 0) {
    out.push('', `synthetic: ${generated.length} providers x ${modelsPerProvider} models`);
    out.push(`  ${server.url}${generated[0]?.path} ... ${generated.at(-1)?.path}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);

  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();

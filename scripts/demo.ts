/**
 * `pnpm demo`: the whole flow, offline. Starts the mock provider server with the hand-written
 * fixtures, copies data/ to a temporary directory and points the copy's providers at the mock,
 * runs the real CLI (`sync --all`, `import openrouter`), lets two providers change their lists,
 * syncs again with a change report, prints it, and removes everything it made. The repository's
 * own data/ is only ever read.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalogCliArgv, REPO_ROOT } from '@llm-catalog/testkit/repo';
import { prepareDemoData } from './demo/prepare-data.ts';
import { fixtureRoute, fixtureRoutes, PROVIDER_FIXTURES } from '@llm-catalog/testkit/fixtures';
import { startMockServer } from '@llm-catalog/testkit/mock-server/server';

const say = (text = '') => process.stdout.write(`${text}\n`);
const heading = (text: string) => say(`\n━━ ${text}\n`);

/** Runs the CLI with the terminal as its output, and resolves with its exit code. */
function runCatalog(cli: string[], args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<number> {
  const [command, ...prefix] = cli;
  say(`$ catalog ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command as string, [...prefix, ...args], { ...options, stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  // `pnpm demo | head` closes stdout early; the demo must still clean up after itself.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  const cli = catalogCliArgv();
  const root = await mkdtemp(join(tmpdir(), 'llm-catalog-demo-'));
  const removeRoot = () => rmSync(root, { recursive: true, force: true });
  const onInterrupt = () => {
    removeRoot();
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  const server = await startMockServer({ routes: await fixtureRoutes('initial') });
  try {
    const dataDir = join(root, 'data');
    const demo = await prepareDemoData(join(REPO_ROOT, 'data'), dataDir, PROVIDER_FIXTURES, server.url);
    // Only the fake keys: real ones from this shell or a .env must not be sent anywhere, not even to the mock.
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(process.env.TERM ? { TERM: process.env.TERM } : {}),
      ...(process.env.NO_COLOR !== undefined ? { NO_COLOR: process.env.NO_COLOR } : {}),
      ...demo.env,
    };
    const run = async (args: string[]) => {
      const code = await runCatalog(cli, ['--data', dataDir, ...args], { cwd: root, env });
      if (code === 2) throw new Error(`catalog ${args.join(' ')} failed (exit 2); the demo stops here`);
      if (code !== 0) say(`(exit ${code}: some provider failed; the others were written)`);
    };

    say('llm-catalog demo: offline, against a mock provider server, on a throwaway copy of data/.');
    say(`mock server  ${server.url}  (${demo.providers.map((p) => p.id).join(', ')})`);
    say(`data copy    ${dataDir}  (fake keys: ${Object.keys(demo.env).length}; other providers' list APIs switched off)`);

    heading('1/4  sync every provider that has a list-models API');
    await run(['sync', '--all']);

    heading('2/4  authoritative import from the OpenRouter aggregator');
    await run(['import', 'openrouter']);

    const changed = PROVIDER_FIXTURES.filter((f) => f.changedPages);
    for (const fixture of changed) server.setRoute(await fixtureRoute(fixture, 'changed'));
    heading(`3/4  a day later ${changed.map((f) => f.providerId).join(' and ')} changed their lists: sync again`);
    const reportFile = join(root, 'change-report.md');
    await run(['sync', '--all', '--report', reportFile]);

    heading('4/4  the change report a reviewer reads on the pull request');
    say((await readFile(reportFile, 'utf8')).trimEnd());

    say(`\n${server.requests.length} requests served by the mock; the repository's data/ was not written.`);
    return 0;
  } finally {
    await server.close();
    removeRoot();
    process.off('SIGINT', onInterrupt);
  }
}

process.exitCode = await main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
  return 1;
});

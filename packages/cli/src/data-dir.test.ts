import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUNDLED_DATA_DIR } from '@llm-catalog/catalog';
import { afterEach, describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { READ_ONLY_COMMANDS } from './context.ts';
import { chooseDataDir, findNearestDataDir } from './data-dir.ts';
import { createProgram } from './program.ts';
import { runCliCaptured } from '../test/run-cli.ts';
import { makeTempDataDir, type TempDataDir } from '@llm-catalog/testkit/catalog';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function dataDir(): Promise<TempDataDir> {
  const tmp = await makeTempDataDir({
    providers: [
      {
        id: 'acme',
        name: 'Acme AI',
        authentication: 'API_KEY',
        formats: [{ format: 'OPENAI', base_url: 'https://api.acme.example/v1', default: true }],
      },
    ],
  });
  cleanups.push(tmp.cleanup);
  return tmp;
}

async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'llm-catalog-empty-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('choosing the data directory', () => {
  it('tries --data, then CATALOG_DATA_DIR, then the nearest data/, then the bundled catalog', async () => {
    const tmp = await dataDir();
    const deep = join(dirname(tmp.dir), 'a', 'b');
    await mkdir(deep, { recursive: true });
    const base = { cwd: deep, allowBundled: true };
    expect(chooseDataDir({ ...base, flag: 'x', env: { CATALOG_DATA_DIR: '/y' } })).toEqual({ dir: join(deep, 'x'), source: 'flag' });
    expect(chooseDataDir({ ...base, flag: undefined, env: { CATALOG_DATA_DIR: '/y' } })).toEqual({ dir: '/y', source: 'env' });
    expect(chooseDataDir({ ...base, flag: undefined, env: { CATALOG_DATA_DIR: '' } })).toEqual({ dir: tmp.dir, source: 'nearest' });
    const empty = await emptyDir();
    expect(chooseDataDir({ cwd: empty, flag: undefined, env: {}, allowBundled: true })).toEqual({
      dir: BUNDLED_DATA_DIR,
      source: 'bundled',
    });
    expect(chooseDataDir({ cwd: empty, flag: undefined, env: {}, allowBundled: false })).toBeUndefined();
  });

  it('skips a data/ directory without providers.json', async () => {
    const root = await emptyDir();
    await mkdir(join(root, 'sub', 'data'), { recursive: true });
    expect(findNearestDataDir(join(root, 'sub'))).toBeUndefined();
  });
});

describe('the read-only commands', () => {
  it('name commands the program has, none of which edits the data files', () => {
    const { program } = createProgram({ stdout: () => {}, stderr: () => {}, env: {}, cwd: '/', isTTY: false });
    const paths = (c: Command, prefix = ''): string[] =>
      c.commands.flatMap((sub) => {
        const path = `${prefix}${sub.name()}`;
        return sub.commands.length > 0 ? paths(sub, `${path} `) : [path];
      });
    const all = paths(program);
    for (const command of READ_ONLY_COMMANDS) expect(all).toContain(command);
    const writers = ['sync', 'import', 'discover', 'serve', 'providers add', 'providers remove', 'models enable', 'models disable'];
    for (const command of writers) expect(READ_ONLY_COMMANDS.has(command), command).toBe(false);
  });
});

describe('the CLI outside the repository root', () => {
  it('finds data/ from a subdirectory', async () => {
    const tmp = await dataDir();
    const sub = join(dirname(tmp.dir), 'docs', 'notes');
    await mkdir(sub, { recursive: true });
    const run = await runCliCaptured(['providers', 'list', '--json'], { cwd: sub });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ providers: [{ id: 'acme' }] });
  });

  it('answers a read-only command from the bundled catalog in an empty directory, and says so', async () => {
    const run = await runCliCaptured(['validate'], { cwd: await emptyDir() });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('reading the bundled catalog');
    expect(run.stdout).toContain(BUNDLED_DATA_DIR);
  });

  it('refuses a command that writes when only the bundled catalog is there, naming where it looked', async () => {
    const cwd = await emptyDir();
    const run = await runCliCaptured(['models', 'disable', 'acme', 'm', '--reason', 'r'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no data/ holding providers.json in ${cwd} or any parent`);
    expect(run.stderr).not.toMatch(/pnpm validate/);
  });

  it('names how a missing directory was chosen', async () => {
    const run = await runCliCaptured(['validate'], { cwd: await emptyDir(), env: { CATALOG_DATA_DIR: '/nonexistent/d' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/nonexistent/d: data directory not found (from CATALOG_DATA_DIR)');
  });

  it('hints at validate with the directory it read and the name it was started as', async () => {
    const tmp = await dataDir();
    await rm(join(tmp.dir, 'models.json'));
    const run = await runCliCaptured(['providers', 'list'], { cwd: dirname(tmp.dir), programName: 'llm-catalog' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`\`llm-catalog validate --data ${tmp.dir}\` lists every problem`);
  });
});

describe('--version', () => {
  it('prints the CLI package version with --version and -V', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = await runCliCaptured([flag]);
      expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});

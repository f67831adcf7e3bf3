import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelHistory } from '@llm-catalog/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeReviewRepo, type ReviewRepo } from '@llm-catalog/testkit/review-scenario';

let repo: ReviewRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const history = (r: ReviewRepo, ...args: string[]) => runCliCaptured(['--data', r.dataDir, 'history', ...args]);
const short = (sha: string | undefined) => (sha ?? '').slice(0, 7);

describe('catalog history', () => {
  it('prints the price and limit timeline, one row per commit where the values changed', async () => {
    repo = await makeReviewRepo();
    const [first, second] = repo.commits;
    const run = await history(repo, 'beta', 'gpt-x');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The third commit changed gpt-x's capabilities only: no row.
    expect(run.stdout.split('\n')).toEqual([
      'beta gpt-x',
      'date        commit   input /1M  output /1M  context_window  status  subject',
      `2026-01-05  ${short(first)}  $2.5       $8          128,000                 initial catalog`,
      `2026-02-10  ${short(second)}  $4.5       $8          128,000                 sync: new models and prices`,
      '',
    ]);
  });

  it('shows a limit change and a model that stops being served', async () => {
    repo = await makeReviewRepo();
    const alpha = await history(repo, 'alpha', 'llama-70b');
    expect(alpha.stdout).toContain(`2026-03-15  ${short(repo.commits[2])}  $0.7       $0.9        65,536`);
    const gamma = await history(repo, 'gamma', 'g1');
    expect(gamma.stdout.split('\n').slice(2, 4)).toEqual([
      `2026-01-05  ${short(repo.commits[0])}              initial catalog`,
      `2026-03-15  ${short(repo.commits[2])}  not served  sync: gamma shrinks`,
    ]);
  });

  it('--json gives the entries with full commit ids and dates', async () => {
    repo = await makeReviewRepo();
    const run = await runCliCaptured(['--data', repo.dataDir, '--json', 'history', 'alpha', 'cheap-1']);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as ModelHistory;
    expect(parsed.commits_read).toBe(3);
    expect(parsed.entries.map((e) => [e.sha, e.date, e.prices?.input?.amount])).toEqual([
      [repo.commits[0], '2026-01-05T12:00:00+00:00', 0.5],
      [repo.commits[1], '2026-02-10T12:00:00+00:00', 0],
    ]);
  });

  it('reads only commits that touched the data files, at most --limit of them', async () => {
    repo = await makeReviewRepo();
    await writeFile(join(repo.root, 'README.md'), 'unrelated\n');
    await repo.git('add', 'README.md');
    await repo.git('commit', '-q', '-m', 'docs only');
    const all = await runCliCaptured(['--data', repo.dataDir, '--json', 'history', 'beta', 'gpt-x']);
    expect((JSON.parse(all.stdout) as ModelHistory).commits_read).toBe(3);
    const limited = await runCliCaptured(['--data', repo.dataDir, '--json', 'history', 'beta', 'gpt-x', '--limit', '1']);
    const parsed = JSON.parse(limited.stdout) as ModelHistory;
    expect(parsed.commits_read).toBe(1);
    expect(parsed.entries.map((e) => e.sha)).toEqual([repo.commits[2]]);
  });

  it('a model the provider never served, or an unknown provider, is a one-line error that says which (exit 2)', async () => {
    repo = await makeReviewRepo();
    const run = await history(repo, 'alpha', 'g1');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: alpha does not serve "g1" in any of the last 3 commits of the data files\n');
    const unknown = await history(repo, 'nosuch', 'g1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: unknown provider "nosuch" (not in providers.json)\n');
    expect((await history(repo, 'alpah', 'g1')).stderr).toBe('error: unknown provider "alpah" (did you mean alpha?)\n');
    const badLimit = await history(repo, 'alpha', 'gpt-x', '--limit', '0');
    expect(badLimit.code).toBe(2);
    expect(badLimit.stderr).toBe('error: --limit must be a positive whole number, got "0"\n');
  });
});

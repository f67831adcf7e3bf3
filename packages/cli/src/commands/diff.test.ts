import type { ChangeReport } from '@llm-catalog/sync';
import { model, offer } from '@llm-catalog/testkit/report';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../test/run-cli.ts';
import { makeReviewRepo, type ReviewRepo, shrinkCatalog } from '@llm-catalog/testkit/review-scenario';

let repo: ReviewRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

const diff = (r: ReviewRepo, ...args: string[]) => runCliCaptured(['--data', r.dataDir, 'diff', ...args]);

describe('catalog diff', () => {
  it('markdown: new models and price changes, with the drop to 0 and the +80 % move flagged first', async () => {
    repo = await makeReviewRepo();
    const run = await diff(repo, '--from', 'HEAD~2', '--to', 'HEAD~1', '--format', 'markdown');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const md = run.stdout;
    expect(md).toContain('## Catalog changes: `HEAD~2` -> `HEAD~1`');
    expect(md).toContain('**+3 models, -0, 3 price changes across 2 providers** · ⚠️ 2 risk flags');
    expect(md).toContain('### ⚠️ Risk flags (2)');
    expect(md).toContain('| price dropped to 0 | `alpha` | `cheap-1` | input price dropped to 0 ($0.5 -> $0) |');
    expect(md).toContain('| price moved > 50 % | `beta` | `gpt-x` | input price moved $2.5 -> $4.5, +80 % |');
    expect(md.indexOf('### ⚠️ Risk flags')).toBeLessThan(md.indexOf('### Providers'));
    expect(md).toContain('#### `alpha`: +2, 2 price changes (3 -> 5 models)');
    expect(md).toContain('**Added (2):** `new-a`, `new-b`');
    expect(md).toContain('#### `beta`: +1, 1 price change (2 -> 3 models)');
    expect(md).toContain('| `cheap-1` | input /1M | $0.5 | $0 | -100 % |');
    expect(md).toContain('| `gpt-x` | output /1M | $8 | $9 | +12.5 % |');
    expect(md).toContain('| `gpt-x` | input /1M | $2.5 | $4.5 | +80 % |');
    expect(md).not.toContain('`gamma`');
    expect(md).toContain('**Base models added (2):** `new-a`, `new-b`');
    expect(md).toMatch(/### Totals\n\n\| {2}\| count \|\n\| --- \| --- \|\n\| providers changed \| 2 \|\n\| models added \| 3 \|/);
    expect(md).toContain('| risk flags | 2 |');
  });

  it('json: a provider losing most models, an orphaned manual override, a shrunk context, lost capability', async () => {
    repo = await makeReviewRepo();
    const run = await diff(repo, '--from', 'HEAD~1', '--to', 'HEAD', '--format', 'json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as ChangeReport;
    expect(report.risks.map((r) => [r.kind, r.provider_id ?? null, r.model_id ?? null, r.field ?? null])).toEqual([
      ['context-shrank', 'alpha', 'llama-70b', 'context_window'],
      ['provider-lost-models', 'gamma', null, null],
      ['orphaned-override', 'beta', 'llama-70b', null],
      ['base-model-unserved', null, 'g1', null],
      ['base-model-unserved', null, 'g2', null],
      ['base-model-unserved', null, 'g3', null],
      ['base-model-unserved', null, 'g4', null],
      ['capability-lost', null, 'gpt-x', 'IMAGE_RECOGNITION'],
    ]);
    expect(report.risks.find((r) => r.kind === 'provider-lost-models')?.message).toBe('lost 4 of 6 models (67 %)');
    expect(report.risks.find((r) => r.kind === 'orphaned-override')?.message).toBe(
      'manual override (priority 100) points at nothing: beta no longer lists this model',
    );
    const gamma = report.providers.find((p) => p.id === 'gamma');
    expect(gamma).toMatchObject({ models_before: 6, models_after: 2, removed: ['g1', 'g2', 'g3', 'g4'], added: [] });
    const alpha = report.providers.find((p) => p.id === 'alpha');
    expect(alpha?.limits).toEqual([{ model_id: 'llama-70b', key: 'context_window', old: 131072, new: 65536 }]);
    expect(alpha?.capabilities).toEqual([{ model_id: 'gpt-x', added: [], removed: ['IMAGE_RECOGNITION'] }]);
    expect(report.totals).toEqual({
      providers_changed: 3,
      models_added: 0,
      models_removed: 4,
      price_changes: 0,
      limit_changes: 1,
      capability_changes: 3,
      availability_changes: 0,
      risk_flags: 8,
    });
  });

  it('text across all three commits lists every change, one per line', async () => {
    repo = await makeReviewRepo();
    const run = await diff(repo, '--from', 'HEAD~2', '--to', 'HEAD');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^catalog changes HEAD~2 -> HEAD: \+3 models, -4, 3 price changes, 1 limit change, 3 capability changes across 3 providers\n/);
    expect(run.stdout).toContain('  ! alpha cheap-1: input price dropped to 0 ($0.5 -> $0)');
    expect(run.stdout).toContain('\ngamma (6 -> 2 models)\n  - g1\n  - g2\n  - g3\n  - g4\n');
  });

  it('defaults to HEAD against the work tree', async () => {
    repo = await makeReviewRepo();
    const clean = await diff(repo);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^catalog changes HEAD -> work tree: no changes\n/);
    const edited = shrinkCatalog();
    edited.models.push(model('fresh'));
    edited.overrides.push(offer('alpha', 'fresh'));
    await repo.writeCatalog(edited, '2026-04-01');
    const run = await diff(repo, '--format', 'json');
    const report = JSON.parse(run.stdout) as ChangeReport;
    expect(report.from).toBe('HEAD');
    expect(report.to).toBeUndefined();
    expect(report.providers.map((p) => [p.id, p.added])).toEqual([['alpha', ['fresh']]]);
  });

  it('--fail-on-risk exits 1 when a risk is flagged, 0 when none is', async () => {
    repo = await makeReviewRepo();
    const risky = await diff(repo, '--from', 'HEAD~1', '--to', 'HEAD', '--fail-on-risk');
    expect(risky.code).toBe(1);
    expect(risky.stderr).toBe('8 risk flags (--fail-on-risk)\n');
    const calm = await diff(repo, '--fail-on-risk');
    expect(calm.code).toBe(0);
    const unflagged = await diff(repo, '--from', 'HEAD~1', '--to', 'HEAD');
    expect(unflagged.code).toBe(0);
  });

  it('keeps a huge change within the pull-request body limit and says how much was left out', async () => {
    repo = await makeReviewRepo();
    const huge = shrinkCatalog();
    for (let i = 0; i < 4000; i++) {
      const id = `bulk-${String(i).padStart(4, '0')}`;
      huge.models.push(model(id));
      huge.overrides.push(offer('alpha', id), offer('beta', id));
    }
    await repo.writeCatalog(huge, '2026-04-01');
    const run = await diff(repo, '--format', 'markdown');
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeLessThanOrEqual(65_536);
    expect(run.stdout.length).toBeGreaterThan(60_000);
    const omitted = Number(/_(\d+) more changes not shown \(see `catalog diff --format json`\)\._\n$/.exec(run.stdout)?.[1]);
    const shown = run.stdout.match(/^- `bulk-\d{4}`$/gm)?.length ?? 0;
    expect(shown + omitted).toBe(3 * 4000);
    expect(run.stdout).toContain('### Totals');
    expect(run.stdout).toContain('| models added | 8000 |');
    const smaller = await diff(repo, '--format', 'markdown', '--max-chars', '5000');
    expect(smaller.stdout.length).toBeLessThanOrEqual(5000);
  });

  it('--json prints exactly one JSON document', async () => {
    repo = await makeReviewRepo();
    const run = await runCliCaptured(['--data', repo.dataDir, '--json', 'diff', '--from', 'HEAD~1', '--to', 'HEAD']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ChangeReport).totals.risk_flags).toBe(8);
  });

  it('an unknown ref or a bad bound is a one-line usage error (exit 2)', async () => {
    repo = await makeReviewRepo();
    const badRef = await diff(repo, '--from', 'v9.9.9');
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toBe('error: unknown git ref "v9.9.9" (no such commit, branch or tag)\n');
    const badBound = await diff(repo, '--format', 'markdown', '--max-chars', 'lots');
    expect(badBound.code).toBe(2);
    expect(badBound.stderr).toBe('error: --max-chars must be a positive whole number, got "lots"\n');
    const badFormat = await diff(repo, '--format', 'html');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/argument 'html' is invalid/);
  });
});

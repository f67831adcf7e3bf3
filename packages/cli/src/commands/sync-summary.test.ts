import type { ProviderRunSummary, SyncRunResult } from '@llm-catalog/sync';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { syncJsonDocument } from '@llm-catalog/sync';
import { describeWrites, renderRunMarkdown, renderSummaryTable } from './sync-summary.ts';

const summary = (over: Partial<ProviderRunSummary> & Pick<ProviderRunSummary, 'id' | 'status'>): ProviderRunSummary => ({
  fetched: 0,
  added: [],
  changed: [],
  removed: [],
  durationMs: 0,
  warnings: [],
  notes: [],
  ...over,
});

const result = (over: Partial<SyncRunResult> = {}): SyncRunResult => ({
  providers: [
    summary({ id: 'groq', status: 'updated', fetched: 14, added: ['a', 'b'], changed: ['c'], durationMs: 420 }),
    summary({ id: 'anthropic', status: 'failed', error: 'HTTP 401 invalid x-api-key | bad', durationMs: 1250 }),
    summary({ id: 'openai', status: 'skipped', reason: 'OPENAI_API_KEY is not set' }),
  ],
  totals: {
    providers: 3,
    updated: 1,
    unchanged: 0,
    skipped: 1,
    failed: 1,
    fetched: 14,
    added: 2,
    changed: 1,
    removed: 0,
    durationMs: 1300,
  },
  keys: [],
  newDisagreements: [],
  before: { providers: [], models: [], overrides: [] },
  after: { providers: [], models: [], overrides: [] },
  written: ['models', 'overrides'],
  dryRun: false,
  ...over,
});

describe('renderSummaryTable', () => {
  it('aligns one row per provider, a totals row, and the status counts', () => {
    expect(renderSummaryTable(result(), pc.createColors(false))).toBe(
      [
        'provider   status       fetched  added  changed  removed  seconds',
        'groq       updated           14      2        1        0      0.4',
        'anthropic  failed             -      -        -        -      1.3',
        'openai     skipped            -      -        -        -        -',
        'total      3 providers       14      2        1        0      1.3',
        '1 updated, 1 skipped, 1 failed',
        '',
      ].join('\n'),
    );
  });
});

describe('describeWrites', () => {
  it('names the files written, or that a dry run would write', () => {
    expect(describeWrites(result())).toBe('wrote models.json, overrides.json');
    expect(describeWrites(result({ dryRun: true }))).toBe('dry run: would write models.json, overrides.json; nothing written');
    expect(describeWrites(result({ written: [] }))).toBe('nothing changed; no file written');
  });
});

describe('syncJsonDocument', () => {
  it('counts the model ids and uses snake_case durations', () => {
    const doc = syncJsonDocument(result(), '/tmp/r.md');
    expect(doc.providers[0]).toEqual({
      id: 'groq',
      status: 'updated',
      fetched: 14,
      added: 2,
      changed: 1,
      removed: 0,
      duration_ms: 420,
    });
    expect(doc.providers[2]).toMatchObject({ status: 'skipped', reason: 'OPENAI_API_KEY is not set' });
    expect(doc.totals.duration_ms).toBe(1300);
    expect(doc.written).toEqual(['models.json', 'overrides.json']);
    expect(doc.report).toBe('/tmp/r.md');
  });
});

describe('renderRunMarkdown', () => {
  it('tabulates the run and lists failures and skips, escaping table pipes', () => {
    const md = renderRunMarkdown(result());
    expect(md).toContain('| groq | updated | 14 | 2 | 1 | 0 | 0.4 |');
    expect(md).toContain('### Failed\n\n- **anthropic**: HTTP 401 invalid x-api-key \\| bad');
    expect(md).toContain('### Skipped\n\n- **openai**: OPENAI_API_KEY is not set');
  });

  it('lists at most 50 warnings and counts the rest, so the report stays a usable PR body', () => {
    const warnings = Array.from({ length: 120 }, (_, i) => ({ index: i, message: 'skipped: no id' }));
    const md = renderRunMarkdown(result({ providers: [summary({ id: 'together', status: 'updated', warnings })] }));
    expect(md.match(/^- \*\*together\*\*: entry \d+/gm)).toHaveLength(50);
    expect(md).toContain('- ... and 70 more (see `catalog sync --json`)');
  });
});

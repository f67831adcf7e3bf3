import { describe, expect, it } from 'vitest';
import { buildChangeReport } from './build.ts';
import { commitMessageFor } from './commit-message.ts';
import { renderChangeReport } from './render.ts';
import { PR_BODY_MAX_CHARS } from './render-markdown.ts';
import { catalog, clone, model, offer, provider, usd } from '@llm-catalog/testkit/report';

const before = catalog({
  providers: [provider('alpha'), provider('beta')],
  models: [
    model('m1', { context_window: 128000, pricing: { input: usd(2), output: usd(8) } }),
    model('m2', { pricing: { input: usd(1) } }),
    model('m3'),
  ],
  overrides: [offer('alpha', 'm1'), offer('alpha', 'm2'), offer('beta', 'm1'), offer('beta', 'm3')],
});

function changed() {
  const after = clone(before);
  after.models.push(model('m4', { capabilities: ['FUNCTION_CALL'] }));
  after.overrides.push(offer('alpha', 'm4'));
  after.overrides = after.overrides.filter((o) => !(o.provider_id === 'beta' && o.model_id === 'm3'));
  const alphaM1 = after.overrides.find((o) => o.provider_id === 'alpha' && o.model_id === 'm1');
  if (alphaM1) Object.assign(alphaM1, { pricing: { input: usd(0), output: usd(14.4) }, limits: { context_window: 64000 } });
  return after;
}

/** A change of `n` new models at one provider: enough to blow any size bound. */
function hugeChange(n: number) {
  const after = clone(before);
  for (let i = 0; i < n; i++) {
    const id = `bulk-model-${String(i).padStart(5, '0')}`;
    after.models.push(model(id));
    after.overrides.push(offer('beta', id));
  }
  for (const o of after.overrides) if (o.model_id === 'm1') o.pricing = { input: usd(3) };
  return after;
}

describe('renderChangeReport markdown', () => {
  it('puts risk flags first, then providers with added, removed and old -> new tables, then totals', () => {
    const md = renderChangeReport(buildChangeReport(before, changed(), { from: 'HEAD' }), 'markdown');
    const order = ['## Catalog changes: `HEAD` -> work tree', '### ⚠️ Risk flags (5)', '### Providers', '#### `alpha`', '#### `beta`', '### Totals'];
    const positions = order.map((s) => md.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain('| price dropped to 0 | `alpha` | `m1` | input price dropped to 0 ($2 -> $0) |');
    expect(md).toContain('| price moved > 50 % | `alpha` | `m1` | output price moved $8 -> $14.4, +80 % |');
    expect(md).toContain('| context window shrank | `alpha` | `m1` | context window shrank 128,000 -> 64,000 |');
    expect(md).toContain('| provider lost models | `beta` | — | lost 1 of 2 models (50 %) |');
    expect(md).toContain('**Added (1):** `m4`');
    expect(md).toContain('**Removed (1):** `m3`');
    expect(md).toContain('| `m1` | input /1M | $2 | $0 | -100 % |');
    expect(md).toContain('| `m1` | output /1M | $8 | $14.4 | +80 % |');
    expect(md).toContain('| `m1` | context_window | 128,000 | 64,000 |');
    expect(md).toContain('| base model without provider | — | `m3` | base model is no longer served by any provider |');
    expect(md).toContain('| risk flags | 5 |');
    expect(md).not.toContain('more changes not shown');
  });

  it('names the refs compared, and none when the report has none (a sync)', () => {
    expect(renderChangeReport(buildChangeReport(before, changed(), { from: 'main', to: 'HEAD' }), 'markdown')).toMatch(
      /^## Catalog changes: `main` -> `HEAD`\n/,
    );
    expect(renderChangeReport(buildChangeReport(before, changed()), 'markdown')).toMatch(/^## Catalog changes\n\n\*\*\+1 model/);
    expect(renderChangeReport(buildChangeReport(before, changed()), 'text')).toMatch(/^catalog changes: \+1 model/);
  });

  it('folds long lists into collapsible sections', () => {
    const md = renderChangeReport(buildChangeReport(before, hugeChange(30)), 'markdown');
    expect(md).toContain('<details><summary>Added (30)</summary>');
    expect(md).toContain('- `bulk-model-00029`');
  });

  it('stays within the size bound on a huge change, cutting whole rows and saying how much was left out', () => {
    const report = buildChangeReport(before, hugeChange(5000));
    const md = renderChangeReport(report, 'markdown');
    expect(md.length).toBeLessThanOrEqual(PR_BODY_MAX_CHARS);
    const shown = md.match(/^- `bulk-model-\d{5}`$/gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(100);
    // The new models appear twice: added at beta, and added to models.json.
    const bulkListed = (report.providers.find((p) => p.id === 'beta')?.added.length ?? 0) + report.base_models.added.length;
    const omitted = Number(/_(\d+) more changes not shown \(see `catalog diff --format json`\)\._\n$/.exec(md)?.[1]);
    // Every change is either shown or counted: the added lists, plus alpha's and beta's price rows.
    const priceRows = report.totals.price_changes;
    const shownPrices = md.match(/^\| `m1` \| input \/1M/gm)?.length ?? 0;
    expect(shown + omitted + shownPrices).toBe(bulkListed + priceRows);
    expect(md.match(/<details>/g)?.length).toBe(md.match(/<\/details>/g)?.length);
    expect(md).toContain('### Totals');
  });

  it('a tiny bound still yields a well-formed body with totals', () => {
    const md = renderChangeReport(buildChangeReport(before, changed()), 'markdown', { maxChars: 1200 });
    expect(md.length).toBeLessThanOrEqual(1200);
    expect(md).toMatch(/more changes not shown/);
    for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|')).toBe(true);
  });
});

describe('renderChangeReport: tier prices and end-of-life dates', () => {
  function tiersAndDates() {
    const after = clone(before);
    after.overrides.find((o) => o.provider_id === 'alpha' && o.model_id === 'm1')!.pricing = {
      long_context: [{ above_input_tokens: 200000, input: usd(4) }],
      service_tiers: { batch: { input: usd(1) } },
    };
    after.models[1] = model('m2', { ...after.models[1], shutdown_date: '2026-10-01' });
    return buildChangeReport(before, after, { from: 'HEAD' });
  }

  it('markdown names each tier price and lists the dates under the catalog entries', () => {
    const md = renderChangeReport(tiersAndDates(), 'markdown');
    expect(md).toContain('| `m1` | long_context>200000.input /1M | — | $4 | — |');
    expect(md).toContain('| `m1` | service_tiers.batch.input /1M | — | $1 | — |');
    expect(md).toContain('| shutdown sooner | — | `m2` | shuts down on 2026-10-01 |');
    expect(md).toContain('**End-of-life dates**');
    expect(md).toContain('| `m2` | shutdown_date | — | 2026-10-01 |');
  });

  it('text and the summary line say the same', () => {
    const text = renderChangeReport(tiersAndDates(), 'text');
    expect(text).toContain('catalog changes HEAD -> work tree: +0 models, -0, 2 price changes across 1 provider; 1 end-of-life date change');
    expect(text).toContain('  ~ m1 long_context>200000.input /1M: none -> $4');
    expect(text).toContain('  ~ m2 shutdown_date: none -> 2026-10-01');
  });
});

describe('renderChangeReport json and text', () => {
  it('json is the report object itself', () => {
    const report = buildChangeReport(before, changed(), { from: 'main', to: 'HEAD' });
    expect(JSON.parse(renderChangeReport(report, 'json'))).toEqual(report);
  });

  it('text lists every change, one per line', () => {
    const text = renderChangeReport(buildChangeReport(before, changed(), { from: 'HEAD' }), 'text');
    expect(text).toContain('catalog changes HEAD -> work tree: +1 model, -1, 2 price changes, 1 limit change across 2 providers');
    expect(text).toContain('  ! alpha m1: input price dropped to 0 ($2 -> $0)');
    expect(text).toContain('  + m4');
    expect(text).toContain('  - m3');
    expect(text).toContain('  ~ m1 output /1M: $8 -> $14.4 (+80 %)');
    expect(text).toContain('  ~ m1 context_window: 128,000 -> 64,000');
  });

  it('text uses the given style', () => {
    const text = renderChangeReport(buildChangeReport(before, changed()), 'text', {
      style: { bold: (s) => `<b>${s}</b>`, dim: (s) => s, red: (s) => `<r>${s}</r>`, green: (s) => s, yellow: (s) => s },
    });
    expect(text).toContain('<r>!</r> alpha m1');
  });
});

describe('commitMessageFor', () => {
  it('is a one-line summary, a blank line, then risks and one line per provider', () => {
    const message = commitMessageFor(buildChangeReport(before, changed()));
    const [subject, blank, ...body] = message.trimEnd().split('\n');
    expect(subject).toBe('catalog: +1 model, -1, 2 price changes, 1 limit change across 2 providers');
    expect(blank).toBe('');
    expect(body).toEqual([
      '! alpha/m1: input price dropped to 0 ($2 -> $0)',
      '! alpha/m1: output price moved $8 -> $14.4, +80 %',
      '! alpha/m1: context window shrank 128,000 -> 64,000',
      '! beta: lost 1 of 2 models (50 %)',
      '! m3: base model is no longer served by any provider',
      'alpha: +1, 2 price changes (-100 % .. +80 %), 1 limit change',
      'beta: -1',
      'base models: +1, -0',
    ]);
  });

  it('says so when nothing changed', () => {
    expect(commitMessageFor(buildChangeReport(before, clone(before)))).toBe('catalog: no changes\n');
  });
});

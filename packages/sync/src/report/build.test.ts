import { describe, expect, it } from 'vitest';
import { buildChangeReport } from './build.ts';
import { catalog, clone, model, offer, provider, usd } from '@llm-catalog/testkit/report';

const base = catalog({
  providers: [provider('alpha'), provider('beta'), provider('gamma'), provider('delta')],
  models: [
    model('m1', { context_window: 128000, capabilities: ['FUNCTION_CALL', 'IMAGE_RECOGNITION'], pricing: { input: usd(2), output: usd(8) } }),
    model('m2', { context_window: 32000, pricing: { input: usd(1) } }),
    model('m3'),
    model('m4'),
    model('m5'),
  ],
  overrides: [
    offer('alpha', 'm1'),
    offer('alpha', 'm2'),
    offer('beta', 'm1'),
    offer('gamma', 'm1'),
    offer('delta', 'm2'),
    offer('delta', 'm3'),
    offer('delta', 'm4'),
    offer('delta', 'm5'),
  ],
});

describe('buildChangeReport', () => {
  it('reports nothing for identical catalogs', () => {
    const report = buildChangeReport(base, clone(base));
    expect(report.providers).toEqual([]);
    expect(report.risks).toEqual([]);
    expect(report.totals.providers_changed).toBe(0);
  });

  it('a price moved from the base model into an override is not a change', () => {
    const after = clone(base);
    after.models[0] = model('m1', { ...after.models[0], pricing: { output: usd(8) } });
    for (const o of after.overrides) if (o.model_id === 'm1') o.pricing = { input: usd(2) };
    const report = buildChangeReport(base, after);
    expect(report.providers).toEqual([]);
  });

  it('lists added and removed models per provider, sorted', () => {
    const after = clone(base);
    after.models.push(model('z-new'), model('a-new'));
    after.overrides.push(offer('alpha', 'z-new'), offer('alpha', 'a-new'));
    after.overrides = after.overrides.filter((o) => !(o.provider_id === 'alpha' && o.model_id === 'm2'));
    const report = buildChangeReport(base, after);
    expect(report.providers.map((p) => p.id)).toEqual(['alpha']);
    const alpha = report.providers[0];
    expect(alpha?.added).toEqual(['a-new', 'z-new']);
    expect(alpha?.removed).toEqual(['m2']);
    expect(alpha?.models_before).toBe(2);
    expect(alpha?.models_after).toBe(3);
    expect(report.base_models.added).toEqual(['a-new', 'z-new']);
    expect(report.totals).toMatchObject({ models_added: 2, models_removed: 1, providers_changed: 1 });
  });

  it('price changes carry old, new and the percent change; a drop to 0 and a +80 % move are flagged', () => {
    const after = clone(base);
    const alphaM1 = after.overrides.find((o) => o.provider_id === 'alpha' && o.model_id === 'm1');
    if (alphaM1) alphaM1.pricing = { input: usd(0) };
    const betaM1 = after.overrides.find((o) => o.provider_id === 'beta' && o.model_id === 'm1');
    if (betaM1) betaM1.pricing = { output: usd(14.4) };
    const gammaM1 = after.overrides.find((o) => o.provider_id === 'gamma' && o.model_id === 'm1');
    if (gammaM1) gammaM1.pricing = { output: usd(10) };
    const report = buildChangeReport(base, after);
    const prices = report.providers.flatMap((p) => p.prices.map((c) => ({ provider: p.id, ...c })));
    expect(prices).toEqual([
      { provider: 'alpha', model_id: 'm1', key: 'input', unit: 'per_million_tokens', old: 2, new: 0, old_currency: 'USD', new_currency: 'USD', change_pct: -100 },
      { provider: 'beta', model_id: 'm1', key: 'output', unit: 'per_million_tokens', old: 8, new: 14.4, old_currency: 'USD', new_currency: 'USD', change_pct: 80 },
      { provider: 'gamma', model_id: 'm1', key: 'output', unit: 'per_million_tokens', old: 8, new: 10, old_currency: 'USD', new_currency: 'USD', change_pct: 25 },
    ]);
    expect(report.risks.map((r) => [r.kind, r.provider_id, r.model_id, r.field])).toEqual([
      ['price-to-zero', 'alpha', 'm1', 'input'],
      ['price-move', 'beta', 'm1', 'output'],
    ]);
  });

  it('compares long-context and service-tier prices as list prices: each one listed, a big move or a drop to 0 flagged', () => {
    const before = clone(base);
    const alphaM1 = (c: typeof base) => c.overrides.find((o) => o.provider_id === 'alpha' && o.model_id === 'm1')!;
    alphaM1(before).pricing = {
      long_context: [{ above_input_tokens: 200000, input: usd(4), output: usd(12) }],
      service_tiers: { batch: { input: usd(1), output: usd(4) }, priority: { input: usd(4), long_context: [{ above_input_tokens: 200000, input: usd(8) }] } },
    };
    const after = clone(before);
    alphaM1(after).pricing = {
      long_context: [{ above_input_tokens: 128000, input: usd(3) }, { above_input_tokens: 200000, input: usd(4), output: usd(20) }],
      service_tiers: { batch: { input: usd(0), output: usd(4) }, priority: { input: usd(4.2), long_context: [{ above_input_tokens: 200000, input: usd(8) }] }, flex: { input: usd(1) } },
    };
    const report = buildChangeReport(before, after);
    expect(report.providers.flatMap((p) => p.prices.map((c) => [c.key, c.unit, c.old, c.new, c.change_pct]))).toEqual([
      ['long_context>128000.input', 'per_million_tokens', undefined, 3, undefined],
      ['long_context>200000.output', 'per_million_tokens', 12, 20, 66.7],
      ['service_tiers.batch.input', 'per_million_tokens', 1, 0, -100],
      ['service_tiers.flex.input', 'per_million_tokens', undefined, 1, undefined],
      ['service_tiers.priority.input', 'per_million_tokens', 4, 4.2, 5],
    ]);
    expect(report.risks.map((r) => [r.kind, r.provider_id, r.field, r.message])).toEqual([
      ['price-to-zero', 'alpha', 'service_tiers.batch.input', 'service_tiers.batch.input price dropped to 0 ($1 -> $0)'],
      ['price-move', 'alpha', 'long_context>200000.output', 'long_context>200000.output price moved $12 -> $20, +66.7 %'],
    ]);
    expect(report.totals.price_changes).toBe(5);
  });

  it('lists deprecation and shutdown dates set, moved or cleared; a shutdown announced or moved earlier is flagged', () => {
    const before = clone(base);
    before.models[1] = model('m2', { ...before.models[1], shutdown_date: '2026-12-01' });
    before.models[2] = model('m3', { deprecation_date: '2026-06-01', shutdown_date: '2026-09-01' });
    const after = clone(before);
    after.models[0] = model('m1', { ...after.models[0], deprecation_date: '2026-08-01', shutdown_date: '2026-11-01' });
    after.models[1] = model('m2', { ...after.models[1], shutdown_date: '2026-10-15' });
    after.models[2] = model('m3', { deprecation_date: '2026-06-01', shutdown_date: '2027-01-01' });
    after.models[3] = model('m4', { deprecation_date: '2026-07-01' });
    const report = buildChangeReport(before, after);
    expect(report.base_models.dates).toEqual([
      { model_id: 'm1', key: 'deprecation_date', new: '2026-08-01' },
      { model_id: 'm1', key: 'shutdown_date', new: '2026-11-01' },
      { model_id: 'm2', key: 'shutdown_date', old: '2026-12-01', new: '2026-10-15' },
      { model_id: 'm3', key: 'shutdown_date', old: '2026-09-01', new: '2027-01-01' },
      { model_id: 'm4', key: 'deprecation_date', new: '2026-07-01' },
    ]);
    expect(report.risks.map((r) => [r.kind, r.model_id, r.message])).toEqual([
      ['shutdown-sooner', 'm1', 'shuts down on 2026-11-01'],
      ['shutdown-sooner', 'm2', 'shutdown moved earlier: 2026-12-01 -> 2026-10-15'],
    ]);
  });

  it('a free model that starts costing money is flagged; a new price without an old one is not', () => {
    const before = clone(base);
    before.overrides.find((o) => o.provider_id === 'alpha' && o.model_id === 'm2')!.pricing = { input: usd(0) };
    const after = clone(base);
    after.overrides.find((o) => o.provider_id === 'alpha' && o.model_id === 'm1')!.pricing = { cache_read: usd(0.5) };
    const report = buildChangeReport(before, after);
    const alpha = report.providers.find((p) => p.id === 'alpha');
    expect(alpha?.prices.map((c) => [c.model_id, c.key, c.old, c.new, c.change_pct])).toEqual([
      ['m1', 'cache_read', undefined, 0.5, undefined],
      ['m2', 'input', 0, 1, undefined],
    ]);
    expect(report.risks.map((r) => [r.kind, r.model_id])).toEqual([['price-move', 'm2']]);
  });

  it('a shrinking context window is flagged, a growing one is only listed', () => {
    const after = clone(base);
    after.overrides.find((o) => o.provider_id === 'alpha' && o.model_id === 'm1')!.limits = { context_window: 64000 };
    after.overrides.find((o) => o.provider_id === 'beta' && o.model_id === 'm1')!.limits = { context_window: 200000 };
    const report = buildChangeReport(base, after);
    expect(report.providers.flatMap((p) => p.limits)).toEqual([
      { model_id: 'm1', key: 'context_window', old: 128000, new: 64000 },
      { model_id: 'm1', key: 'context_window', old: 128000, new: 200000 },
    ]);
    expect(report.risks.map((r) => [r.kind, r.provider_id, r.old, r.new])).toEqual([['context-shrank', 'alpha', 128000, 64000]]);
  });

  it('a provider losing more than 20 % of its models is flagged', () => {
    const after = clone(base);
    after.overrides = after.overrides.filter((o) => !(o.provider_id === 'delta' && ['m3', 'm4'].includes(o.model_id)));
    const report = buildChangeReport(base, after);
    expect(report.risks.filter((r) => r.kind === 'provider-lost-models')).toEqual([
      { kind: 'provider-lost-models', provider_id: 'delta', old: 4, new: 2, message: 'lost 2 of 4 models (50 %)' },
    ]);
  });

  it('a provider losing exactly 20 % is not flagged', () => {
    const before = clone(base);
    before.overrides.push(offer('delta', 'm1'));
    const after = clone(before);
    after.overrides = after.overrides.filter((o) => !(o.provider_id === 'delta' && o.model_id === 'm5'));
    const report = buildChangeReport(before, after);
    expect(report.providers.map((p) => [p.id, p.removed])).toEqual([['delta', ['m5']]]);
    expect(report.risks.filter((r) => r.kind === 'provider-lost-models')).toEqual([]);
  });

  it('a manual override whose provider stopped listing the model is flagged as orphaned', () => {
    const before = clone(base);
    before.overrides.push(offer('alpha', 'm3'), offer('alpha', 'm3', { priority: 100, reason: 'cheaper here', pricing: { input: usd(1) } }));
    const after = clone(before);
    after.overrides = after.overrides.filter((o) => !(o.provider_id === 'alpha' && o.model_id === 'm3' && o.priority === 0));
    const report = buildChangeReport(before, after);
    expect(report.risks.map((r) => [r.kind, r.provider_id, r.model_id])).toEqual([['orphaned-override', 'alpha', 'm3']]);
    expect(report.risks[0]?.message).toContain('alpha no longer lists this model');
  });

  it('a manual override whose base model was deleted is flagged once, not again in later reports', () => {
    const before = clone(base);
    before.overrides.push(offer('beta', 'm5', { priority: 100, provider_model_id: 'M5' }));
    const after = clone(before);
    after.models = after.models.filter((m) => m.id !== 'm5');
    const first = buildChangeReport(before, after);
    expect(first.risks.filter((r) => r.kind === 'orphaned-override').map((r) => r.message)).toEqual([
      'manual override (priority 100) points at nothing: model "m5" no longer exists in models.json',
    ]);
    const later = buildChangeReport(after, clone(after));
    expect(later.risks).toEqual([]);
  });

  it('a base model that loses its last provider is flagged', () => {
    const after = clone(base);
    after.overrides = after.overrides.filter((o) => o.model_id !== 'm5');
    const report = buildChangeReport(base, after);
    expect(report.risks.filter((r) => r.kind === 'base-model-unserved').map((r) => r.model_id)).toEqual(['m5']);
  });

  it('a capability lost at three or more providers is flagged; capability tables list every loss', () => {
    const after = clone(base);
    after.models[0] = model('m1', { ...after.models[0], capabilities: ['FUNCTION_CALL'] });
    const report = buildChangeReport(base, after);
    expect(report.providers.map((p) => [p.id, p.capabilities])).toEqual([
      ['alpha', [{ model_id: 'm1', added: [], removed: ['IMAGE_RECOGNITION'] }]],
      ['beta', [{ model_id: 'm1', added: [], removed: ['IMAGE_RECOGNITION'] }]],
      ['gamma', [{ model_id: 'm1', added: [], removed: ['IMAGE_RECOGNITION'] }]],
    ]);
    expect(report.risks).toEqual([
      {
        kind: 'capability-lost',
        model_id: 'm1',
        field: 'IMAGE_RECOGNITION',
        message: 'IMAGE_RECOGNITION lost at 3 providers (alpha, beta, gamma)',
      },
    ]);
  });

  it('a model disabled by a manual override is an availability change', () => {
    const after = clone(base);
    after.overrides.push(offer('alpha', 'm2', { priority: 100, disabled: true, reason: 'retired' }));
    const report = buildChangeReport(base, after);
    expect(report.providers).toMatchObject([{ id: 'alpha', disabled: ['m2'], enabled: [] }]);
    expect(report.totals.availability_changes).toBe(1);
  });

  it('is deterministic and carries the refs', () => {
    const after = clone(base);
    after.overrides.reverse();
    after.models.reverse();
    const report = buildChangeReport(base, after, { from: 'HEAD~1', to: 'HEAD' });
    expect(report.from).toBe('HEAD~1');
    expect(report.to).toBe('HEAD');
    expect(JSON.stringify(report)).toBe(JSON.stringify(buildChangeReport(base, clone(after), { from: 'HEAD~1', to: 'HEAD' })));
    expect(report.providers).toEqual([]);
  });
});

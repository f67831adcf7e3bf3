import type { Model } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { manualOverrideNotes, type ServedModel } from './manual-notes.ts';
import { auto, manual, usd } from '@llm-catalog/testkit/merge';

const base: Model = { id: 'm', capabilities: ['FUNCTION_CALL'], context_window: 8192, pricing: { input: usd(1), output: usd(2) } };
const servedWith = (fields = {}) => new Map<string, ServedModel>([['m', { base, auto: [auto('p', 'm', fields)] }]]);

describe('manualOverrideNotes', () => {
  it('names a manual override whose model the provider no longer lists as orphaned', () => {
    const notes = manualOverrideNotes('p', [manual('p', 'gone', 100, { pricing: { input: usd(1) } })], servedWith());
    expect(notes).toEqual([
      { kind: 'orphaned-manual', model_id: 'gone', message: expect.stringContaining('no longer lists') },
    ]);
  });

  it('names a manual override that now equals the synced value as redundant', () => {
    const pinned = manual('p', 'm', 100, { pricing: { input: usd(0.5) }, limits: { context_window: 4096 } });
    const notes = manualOverrideNotes('p', [pinned], servedWith({ pricing: { input: usd(0.5) }, limits: { context_window: 4096 } }));
    expect(notes).toEqual([{ kind: 'redundant-manual', model_id: 'm', message: expect.stringContaining('now equals') }]);
  });

  it('says nothing of a manual override that still changes the synced value', () => {
    const pinned = manual('p', 'm', 100, { pricing: { input: usd(0.5), output: usd(2) } });
    expect(manualOverrideNotes('p', [pinned], servedWith({ pricing: { input: usd(0.4) } }))).toEqual([]);
    const disabled = manual('p', 'm', 100, { disabled: true });
    expect(manualOverrideNotes('p', [disabled], servedWith())).toEqual([]);
  });

  it('compares capability changes by their effect', () => {
    const addsWhatIsThere = manual('p', 'm', 100, { capabilities: { add: ['FUNCTION_CALL'] } });
    expect(manualOverrideNotes('p', [addsWhatIsThere], servedWith()).map((n) => n.kind)).toEqual(['redundant-manual']);
    const forces = manual('p', 'm', 100, { capabilities: { force: ['FUNCTION_CALL', 'REASONING'] } });
    expect(manualOverrideNotes('p', [forces], servedWith())).toEqual([]);
  });

  it('treats a manual membership marker of a listed model as redundant', () => {
    expect(manualOverrideNotes('p', [manual('p', 'm', 100)], servedWith()).map((n) => n.kind)).toEqual(['redundant-manual']);
    const enables = manual('p', 'm', 100, { disabled: false });
    expect(manualOverrideNotes('p', [enables], servedWith()).map((n) => n.kind)).toEqual(['redundant-manual']);
  });

  it('judges a manual override against the lower-priority manual overrides too', () => {
    const first = manual('p', 'm', 100, { pricing: { input: usd(0.7) } });
    const second = manual('p', 'm', 200, { pricing: { input: usd(0.7) } });
    const notes = manualOverrideNotes('p', [second, first], servedWith());
    expect(notes).toEqual([expect.objectContaining({ kind: 'redundant-manual', message: expect.stringContaining('priority 200') })]);
  });
});

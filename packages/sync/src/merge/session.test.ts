import { auto, catalogOf, deepFreeze, fetched, manual } from '@llm-catalog/testkit/merge';
import { describe, expect, it } from 'vitest';
import { mergeIntoSession, mergeProviderModels } from './merge-provider.ts';
import { MergeSession } from './session.ts';

const base = () =>
  deepFreeze(
    catalogOf(
      ['a', 'b'],
      [{ id: 'm1' }, { id: 'm2', aliases: ['m2-alias'] }],
      [auto('a', 'm1'), auto('b', 'm2'), manual('b', 'm2', 100, { reason: 'negotiated' })],
    ),
  );

describe('MergeSession', () => {
  it('merging providers one after another into one session gives what chained mergeProviderModels gives', () => {
    const lists = { a: [fetched('m1'), fetched('m3')], b: [fetched('m2'), fetched('m3'), fetched('m4')] };
    const session = new MergeSession(base());
    let chained = base();
    for (const id of ['a', 'b'] as const) {
      const { change } = mergeIntoSession(session, id, lists[id], {});
      if (change) session.apply(change);
      chained = mergeProviderModels(chained, id, lists[id], {}).catalog;
    }
    expect(session.catalog()).toEqual(chained);
  });

  it('an undone change leaves the catalog, its aliases and the provider overrides as they were', () => {
    const session = new MergeSession(base());
    const before = session.catalog();
    const { change } = mergeIntoSession(session, 'a', [fetched('m5', { aliases: ['m5-alias'] })], { allowRemovals: true });
    if (!change) throw new Error('expected a change');
    const undo = session.apply(change);
    expect(session.names('m5-alias')).toBe(true);
    undo();
    expect(session.names('m5-alias')).toBe(false);
    expect(session.model('m5')).toBeUndefined();
    expect(session.catalog()).toBe(before);
    expect(session.overridesOf('a')).toEqual([auto('a', 'm1')]);
  });
});

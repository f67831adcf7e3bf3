import { describe, expect, it } from 'vitest';
import { removalGuardError } from './guard.ts';

const ids = (n: number, prefix = 'm') => new Set(Array.from({ length: n }, (_, i) => `${prefix}${i}`));

describe('removalGuardError', () => {
  it('rejects an empty list, even on a first sync', () => {
    const error = removalGuardError({ fetchedCount: 0, servedBefore: new Set(), servedAfter: new Set(), allowRemovals: false });
    expect(error).toMatch(/empty model list/);
  });

  it('rejects losing more than half of the served models and names some of them', () => {
    const error = removalGuardError({ fetchedCount: 4, servedBefore: ids(10), servedAfter: ids(4), allowRemovals: false });
    expect(error).toContain('stop serving 6 of its 10 models');
    expect(error).toContain('"m4", "m5", "m6", "m7", "m8" and 1 more');
  });

  it('accepts losing exactly half', () => {
    expect(removalGuardError({ fetchedCount: 5, servedBefore: ids(10), servedAfter: ids(5), allowRemovals: false })).toBeUndefined();
  });

  it('counts renamed models as lost even when the count stays the same', () => {
    const error = removalGuardError({ fetchedCount: 10, servedBefore: ids(10), servedAfter: ids(10, 'renamed-'), allowRemovals: false });
    expect(error).toContain('stop serving 10 of its 10 models');
  });

  it('never guards a first sync with models', () => {
    expect(removalGuardError({ fetchedCount: 3, servedBefore: new Set(), servedAfter: ids(3), allowRemovals: false })).toBeUndefined();
  });

  it('lets allowRemovals accept both an empty list and a large loss', () => {
    expect(removalGuardError({ fetchedCount: 0, servedBefore: ids(10), servedAfter: new Set(), allowRemovals: true })).toBeUndefined();
  });
});

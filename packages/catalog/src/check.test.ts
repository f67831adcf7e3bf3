import { describe, expect, it } from 'vitest';
import { catalogErrors, errorsIntroduced, schemaProblemsOf } from './check.ts';
import type { Model } from './schema/model.ts';
import { sampleCatalog } from '@llm-catalog/testkit/catalog';

describe('checking an in-memory catalog', () => {
  it('the sample catalog has no errors', () => {
    expect(catalogErrors(sampleCatalog())).toEqual([]);
  });

  it('names the entry and field of a schema error, one problem per unknown key', () => {
    const catalog = sampleCatalog();
    const bad = { ...catalog.models[0], context_window: 0, colour: 'blue' } as unknown as Model;
    catalog.models[0] = bad;
    const problems = schemaProblemsOf(catalog);
    expect(problems.map((p) => [p.file, p.entry, p.field, p.message])).toEqual(
      expect.arrayContaining([
        ['models.json', `models[0] "${bad.id}"`, 'colour', 'unknown key "colour"'],
        ['models.json', `models[0] "${bad.id}"`, 'context_window', 'must be > 0 (omit the field when the limit is unknown)'],
      ]),
    );
    expect(problems.every((p) => p.entry === `models[0] "${bad.id}"`)).toBe(true);
  });

  it('errorsIntroduced checks only entries that are not the base catalog\'s own objects', () => {
    const base = sampleCatalog();
    const unchangedButInvalid = { ...base, models: [...base.models] };
    // An object of the base is trusted as already validated (derivations never mutate entries) ...
    (base.models[0] as { context_window?: number }).context_window = 0;
    expect(schemaProblemsOf(unchangedButInvalid, new Set(base.models))).toEqual([]);
    // ... while a new object is checked, and integrity is checked over the whole result.
    const fresh = sampleCatalog();
    const result = { ...fresh, models: [...fresh.models, { id: 'Upper Case' } as Model] };
    const problems = errorsIntroduced(fresh, result);
    expect(problems.some((p) => p.entry?.includes('"Upper Case"') && p.message === 'id must be lowercase')).toBe(true);
    expect(problems.some((p) => p.code === 'orphan-model')).toBe(false);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type NormalizedModel, transformOpenRouter } from '@llm-catalog/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeProviderModels } from './merge-provider.ts';
import { catalogErrors, catalogOf } from '@llm-catalog/testkit/merge';

// Real response bodies live beside the checkout (never in it); without them this suite skips, and
// nothing of it runs: a skipped describe still runs its body, so the body only declares tests and the
// file is read in beforeAll, which a skipped suite never calls.
const corpus = fileURLToPath(new URL('../../../../../shared/fixtures/responses/', import.meta.url));
const body = (name: string): unknown => JSON.parse(readFileSync(`${corpus}${name}`, 'utf8'));

describe.skipIf(!existsSync(`${corpus}openrouter-3.json`))('mergeProviderModels on a real OpenRouter list', () => {
  let models: NormalizedModel[] = [];
  beforeAll(() => {
    models = transformOpenRouter(body('openrouter-3.json')).models;
  });

  it('imports every entry into a valid catalog, naming each entry folded into another', () => {
    const result = mergeProviderModels(catalogOf(['openrouter']), 'openrouter', models, {});
    expect(result.status).toBe('updated');
    expect(catalogErrors(result.catalog)).toEqual([]);
    const folded = result.notes.filter((n) => n.kind === 'folded-variant' || n.kind === 'collision');
    expect(result.added.length + folded.length).toBe(models.length);
    expect(result.catalog.overrides).toHaveLength(result.added.length);
  });

  it('a second import of the same list changes nothing', () => {
    const once = mergeProviderModels(catalogOf(['openrouter']), 'openrouter', models, {});
    const again = mergeProviderModels(once.catalog, 'openrouter', models, {});
    expect(again.status).toBe('unchanged');
    expect(again.catalog).toEqual(once.catalog);
  });
});

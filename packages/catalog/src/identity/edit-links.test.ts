import { describe, expect, it } from 'vitest';
import type { Catalog } from '../io/read.ts';
import { LinkEditError, linkSpelling, unlinkSpelling } from './edit-links.ts';

const catalog = (): Catalog => ({
  providers: [],
  models: [{ id: 'llama-3.1-8b-instruct' }, { id: 'llama-3.1-8b', aliases: ['llama3.1-8b-latest'] }, { id: 'gpt-4o' }],
  overrides: [
    { provider_id: 'cerebras', model_id: 'llama-3.1-8b', provider_model_id: 'llama3.1-8b', priority: 20 },
    { provider_id: 'together', model_id: 'llama-3.1-8b-instruct', priority: 20 },
    { provider_id: 'openai', model_id: 'gpt-4o', priority: 100, reason: 'x', disabled: true, replace_with: 'llama-3.1-8b' },
  ],
});

describe('linkSpelling', () => {
  it('folds the model a spelling reads as into the linked model: offerings, aliases and references follow', () => {
    const { catalog: next, changes } = linkSpelling(catalog(), 'llama3.1-8b', 'llama-3.1-8b-instruct', 'instruct only');
    expect(next.models).toEqual([{ id: 'llama-3.1-8b-instruct', aliases: ['llama3.1-8b-latest'] }, { id: 'gpt-4o' }]);
    expect(next.overrides.map((o) => [o.provider_id, o.model_id, o.replace_with])).toEqual([
      ['together', 'llama-3.1-8b-instruct', undefined],
      ['openai', 'gpt-4o', 'llama-3.1-8b-instruct'],
      ['cerebras', 'llama-3.1-8b-instruct', undefined],
    ]);
    expect(next.links).toEqual([{ spelling: 'llama3.1-8b', model_id: 'llama-3.1-8b-instruct', relation: 'same', reason: 'instruct only' }]);
    expect(changes[0]).toBe('folded model "llama-3.1-8b" into "llama-3.1-8b-instruct" (1 offering moved)');
  });

  it('refuses to fold when a provider offers both models the same way', () => {
    const c = catalog();
    c.overrides.push({ provider_id: 'together', model_id: 'llama-3.1-8b', priority: 20 });
    expect(() => linkSpelling(c, 'llama-3.1-8b', 'llama-3.1-8b-instruct')).toThrow(LinkEditError);
  });
});

describe('unlinkSpelling', () => {
  it("removes a person's link, else records a veto; an alias must be removed in models.json", () => {
    const linked = linkSpelling(catalog(), 'meta/llama-3.1-8b', 'llama-3.1-8b-instruct').catalog;
    expect(unlinkSpelling(linked, 'META/llama-3.1-8b', 'llama-3.1-8b-instruct').catalog.links).toEqual([]);
    expect(unlinkSpelling(catalog(), 'openai/gpt-4o-2024-05-13', 'gpt-4o').catalog.links).toEqual([
      { spelling: 'openai/gpt-4o-2024-05-13', model_id: 'gpt-4o', relation: 'different' },
    ]);
    expect(() => unlinkSpelling(catalog(), 'llama3.1-8b-latest', 'llama-3.1-8b')).toThrow(/alias/);
  });
});

import { describe, expect, it } from 'vitest';
import { suggestLinks } from './suggest.ts';

const served = (provider_id: string, model_id: string) => ({ provider_id, model_id, priority: 20 });

describe('suggestLinks', () => {
  const catalog = {
    models: [
      { id: 'llama-3.3-70b-instruct', owned_by: 'meta', context_window: 131072 },
      { id: 'llama-3.3-70b-versatile', owned_by: 'meta', context_window: 131072 },
      { id: 'llama-3.3-70b' },
      { id: 'llama-3.1-70b-instruct', owned_by: 'meta' },
      { id: 'gpt-4o' },
      { id: 'gpt-4o-mini' },
    ],
    overrides: [
      served('openrouter', 'llama-3.3-70b-instruct'),
      served('together', 'llama-3.3-70b-instruct'),
      served('groq', 'llama-3.3-70b-versatile'),
      served('cerebras', 'llama-3.3-70b'),
    ],
  };

  it('proposes look-alikes that differ only in words providers add, towards the most served, with evidence', () => {
    expect(suggestLinks(catalog)).toEqual([
      {
        spelling: 'llama-3.3-70b',
        model_id: 'llama-3.3-70b-instruct',
        evidence: ['names differ only in "instruct"', 'served by 1 / 2 providers'],
      },
      {
        spelling: 'llama-3.3-70b-versatile',
        model_id: 'llama-3.3-70b-instruct',
        evidence: [
          'names differ only in "versatile", "instruct"',
          'same maker (meta)',
          'same context window (131072)',
          'served by 1 / 2 providers',
        ],
      },
    ]);
  });

  it('never proposes another size, version or line, nor a pair a person rejected', () => {
    const rejected = {
      ...catalog,
      links: [{ spelling: 'llama-3.3-70b', model_id: 'llama-3.3-70b-instruct', relation: 'different' as const }],
    };
    expect(suggestLinks(rejected).map((p) => p.spelling)).toEqual(['llama-3.3-70b-versatile']);
  });
});

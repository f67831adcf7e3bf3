import { describe, expect, it } from 'vitest';
import { collectOfferings } from './offerings.ts';
import { fetched } from '@llm-catalog/testkit/merge';

const lookupIn =
  (ids: string[], aliases: Record<string, string> = {}) =>
  ({ id }: { id: string }) => ({ modelId: ids.includes(id) ? id : (aliases[id] ?? id) });

describe('collectOfferings', () => {
  it('maps a fetched model to a base model by id, then by alias, else to its own id', () => {
    const { offerings } = collectOfferings(
      [fetched('gpt-4o'), fetched('gpt-4o-2024-08-06'), fetched('brand-new')],
      lookupIn(['gpt-4o', 'gpt-4o-2024-08-06', 'claude'], { 'gpt-4o-2024-08-06': 'gpt-4o', 'claude-latest': 'claude' }),
    );
    expect(offerings.map((o) => o.modelId)).toEqual(['brand-new', 'gpt-4o', 'gpt-4o-2024-08-06']);

    const byAlias = collectOfferings([fetched('claude-latest')], lookupIn(['claude'], { 'claude-latest': 'claude' }));
    expect(byAlias.offerings).toEqual([{ modelId: 'claude', source: fetched('claude-latest') }]);
  });

  it('folds an OpenRouter variant into the entry without a variant and notes it', () => {
    const plain = fetched('llama-3-8b', { provider_model_id: 'meta-llama/llama-3-8b', pricing: { input: { per_million_tokens: 0.1, currency: 'USD' } } });
    const free = fetched('llama-3-8b', { provider_model_id: 'meta-llama/llama-3-8b:free', variant: 'free', pricing: { input: { per_million_tokens: 0, currency: 'USD' } } });
    const { offerings, notes } = collectOfferings([free, plain], lookupIn([]));
    expect(offerings).toEqual([{ modelId: 'llama-3-8b', source: plain }]);
    expect(notes).toEqual([
      expect.objectContaining({ kind: 'folded-variant', model_id: 'llama-3-8b', message: expect.stringContaining('meta-llama/llama-3-8b:free') }),
    ]);
  });

  it('keeps the first variant by provider spelling when only variants are listed', () => {
    const thinking = fetched('r1', { provider_model_id: 'deepseek/r1:thinking', variant: 'thinking' });
    const free = fetched('r1', { provider_model_id: 'deepseek/r1:free', variant: 'free' });
    const { offerings, notes } = collectOfferings([thinking, free], lookupIn([]));
    expect(offerings[0]?.source).toBe(free);
    expect(notes.map((n) => n.kind)).toEqual(['folded-variant']);
  });

  it('an entry listed three times besides its other spelling gives one note, not one per copy', () => {
    const a = fetched('synth-model', { provider_model_id: 'SYNTH-MODEL' });
    const b = fetched('synth-model', { provider_model_id: 'synth-model' });
    const { offerings, notes } = collectOfferings([b, b, b, a], lookupIn([]));
    expect(offerings).toHaveLength(1);
    expect(notes).toHaveLength(1);
  });

  it('notes two spellings of one id that agree on every fact as folded, not as a collision', () => {
    const a = fetched('gemini-pro', { provider_model_id: 'models/gemini-pro', context_window: 32768 });
    const b = fetched('gemini-pro', { provider_model_id: 'Gemini-Pro', context_window: 32768 });
    const { offerings, notes } = collectOfferings([a, b], lookupIn([]));
    expect(offerings).toHaveLength(1);
    expect(notes).toEqual([expect.objectContaining({ kind: 'folded-variant', model_id: 'gemini-pro' })]);
  });

  it('reports two spellings that disagree on facts as a collision naming the facts and the winner', () => {
    const upper = fetched('mixtral-8x7b', { provider_model_id: 'Mixtral-8x7B', context_window: 32768 });
    const lower = fetched('mixtral-8x7b', { provider_model_id: 'mixtral-8x7b', context_window: 8192, name: 'Mixtral' });
    const { offerings, notes } = collectOfferings([lower, upper], lookupIn([]));
    expect(offerings[0]?.source).toBe(upper); // 'M' sorts before 'm'
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'collision', model_id: 'mixtral-8x7b' });
    expect(notes[0]?.message).toContain('name, context_window');
    expect(notes[0]?.message).toContain('kept "Mixtral-8x7B"');
  });

  it('prefers the entry naming the base id over one naming an alias of it', () => {
    const viaAlias = fetched('a-latest', { provider_model_id: 'a-latest' });
    const direct = fetched('b', { provider_model_id: 'b' });
    const { offerings, notes } = collectOfferings([viaAlias, direct], lookupIn(['b'], { 'a-latest': 'b' }));
    expect(offerings).toEqual([{ modelId: 'b', source: direct }]);
    expect(notes).toHaveLength(1);
  });

  it('chooses the same offering whatever the order of the fetched list', () => {
    const entries = [
      fetched('x', { provider_model_id: 'v/x:free', variant: 'free' }),
      fetched('x', { provider_model_id: 'V/X', context_window: 100 }),
      fetched('x', { provider_model_id: 'v/x', context_window: 200 }),
      fetched('y', { provider_model_id: 'y', context_window: 1 }),
      fetched('y', { provider_model_id: 'y', context_window: 2 }),
    ];
    const forward = collectOfferings(entries, lookupIn([]));
    const backward = collectOfferings([...entries].reverse(), lookupIn([]));
    expect(backward).toEqual(forward);
    expect(forward.notes.map((n) => n.kind)).toEqual(['collision', 'folded-variant', 'collision']);
  });
});

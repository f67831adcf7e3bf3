import { normalizeModelId } from '@llm-catalog/catalog';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type EntryFormat, finishModel, transformEntries } from './entries.ts';
import { transformOpenAi } from './formats/openai.ts';
import { rawId, rawNumber, stringField } from './raw.ts';

const schema = z.looseObject({ id: rawId, context: rawNumber, output: rawNumber });
const format: EntryFormat<z.infer<typeof schema>> = {
  schema,
  idOf: (entry) => stringField(entry, 'id'),
  toModel: (entry) => ({
    id: normalizeModelId(entry.id).id,
    provider_model_id: entry.id,
    context_window: entry.context ?? undefined,
    max_output_tokens: entry.output ?? undefined,
  }),
};

describe('transformEntries', () => {
  it('skips a malformed entry with a warning naming index and id, and keeps the others', () => {
    const entries = [{ id: 'good-1' }, null, { id: 'bad', context: { tiers: [] } }, 'text', { name: 'no-id' }, { id: 'good-2' }];
    const { models, warnings } = transformEntries(entries, format);
    expect(models.map((m) => m.id)).toEqual(['good-1', 'good-2']);
    expect(warnings).toEqual([
      { index: 1, message: 'skipped: the entry is null, not an object', skipped: true },
      { index: 2, id: 'bad', message: expect.stringMatching(/^skipped: context: /), skipped: true },
      { index: 3, message: expect.stringMatching(/^skipped: the entry is a string/), skipped: true },
      { index: 4, message: 'skipped: id: missing', skipped: true },
    ]);
  });

  it('skips an entry whose blank id gives no base id', () => {
    const { models, warnings } = transformEntries([{ id: '   ' }, { id: '/' }], format);
    expect(models).toEqual([]);
    expect(warnings.map((w) => w.message)).toEqual(['skipped: id: blank', expect.stringMatching(/invalid model: id: /)]);
  });

  it('skips an entry whose output the model schema rejects instead of emitting an invalid model', () => {
    const { models, warnings } = transformEntries([{ id: 'x', context: 2.5 }], format);
    expect(models).toEqual([]);
    expect(warnings[0]).toMatchObject({ index: 0, id: 'x', skipped: true });
    expect(warnings[0]?.message).toMatch(/context_window/);
  });

  it('drops an output limit above the context window with a warning, keeping the model', () => {
    const { models, warnings } = transformEntries([{ id: 'tts', context: 4000, output: 50000 }], format);
    expect(models).toEqual([{ id: 'tts', provider_model_id: 'tts', context_window: 4000 }]);
    expect(warnings).toEqual([
      { index: 0, id: 'tts', message: 'max_output_tokens 50000 exceeds context_window 4000; max_output_tokens left out' },
    ]);
  });

  it('turns an exception while reading one entry into a skip of that entry', () => {
    const throwing: EntryFormat<z.infer<typeof schema>> = {
      ...format,
      toModel: (entry) => {
        if (entry.id === 'boom') throw new Error('unexpected shape');
        return format.toModel(entry, () => {});
      },
    };
    const { models, warnings } = transformEntries([{ id: 'boom' }, { id: 'fine' }], throwing);
    expect(models.map((m) => m.id)).toEqual(['fine']);
    expect(warnings).toEqual([
      { index: 0, id: 'boom', message: 'skipped: the entry could not be read (unexpected shape)', skipped: true },
    ]);
  });

  it('leaves out keys without a value and puts the ids first', () => {
    const { models } = transformEntries([{ id: 'Vendor/Model', context: null }], format);
    expect(models).toEqual([{ id: 'model', provider_model_id: 'Vendor/Model' }]);
    expect(Object.keys(models[0] ?? {})).toEqual(['id', 'provider_model_id']);
  });

  it('skips one entry priced at 1e-13 per token with a warning, keeping the rest of the list', () => {
    const priced = (id: string, prompt: string) => ({ id, object: 'model', pricing: { prompt, completion: '0.000002' } });
    const { models, warnings } = transformOpenAi({ data: [priced('fine', '0.000001'), priced('tiny', '1e-13')] });
    expect(models.map((m) => m.id)).toEqual(['fine']);
    expect(warnings).toEqual([
      {
        index: 1,
        id: 'tiny',
        message: 'skipped: pricing.input: 1e-7 per million tokens is implausibly small; is it a per-token price? (multiply by 1,000,000)',
        skipped: true,
      },
    ]);
  });

  it.each([
    ['a terminal title sequence in a name', { id: 'm', name: 'x\u001b]0;TITLE\u0007' }, 'name'],
    ['a screen clear in the vendor', { id: 'm', owned_by: '\u001b[2Jacme' }, 'owned_by'],
    ['a lone surrogate in a name', { id: 'm', name: 'bad \ud800 name' }, 'name'],
  ])('skips an entry with %s', (_what, entry, field) => {
    const { models, warnings } = transformOpenAi({ data: [entry, { id: 'ok' }] });
    expect(models.map((m) => m.id)).toEqual(['ok']);
    expect(warnings[0]?.message).toBe(`skipped: ${field} holds a control character or a lone surrogate`);
  });

  it('names the path of a control character deep in a model', () => {
    const draft = { id: 'm', provider_model_id: 'm', metadata: { notes: [{ text: 'ok' }, { text: 'x\u0007' }] } };
    expect(finishModel(draft, () => undefined)).toEqual({ invalid: 'metadata.notes[1].text holds a control character or a lone surrogate' });
  });
});

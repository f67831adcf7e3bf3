import { describe, expect, it } from 'vitest';
import {
  CurrencySchema,
  DateStringSchema,
  ModelIdSchema,
  PriceAmountSchema,
  ProviderIdSchema,
  ProviderModelIdSchema,
  TokenLimitSchema,
  VersionSchema,
} from './common.ts';
import type { z } from 'zod';

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('model ids', () => {
  it.each(['gpt-4o', 'qwen2.5:7b', 'openai/gpt-4o', 'accounts/fireworks/models/x', 'ft:gpt-4o:org@x~1'])(
    'accepts the real-world id %s',
    (id) => {
      expect(messages(ModelIdSchema, id)).toEqual([]);
    },
  );

  it('rejects uppercase', () => {
    expect(messages(ModelIdSchema, 'GPT-4o')).toEqual(['id must be lowercase']);
  });

  it.each([
    ['a space', 'gpt 4o'],
    ['a tab', 'gpt\t4o'],
    ['a newline', 'gpt-4o\n'],
    ['a control character', 'gpt\u00074o'],
    ['a DEL character', 'gpt\u007f4o'],
  ])('rejects %s', (_what, id) => {
    expect(messages(ModelIdSchema, id)).toEqual(['id must not contain whitespace or control characters']);
  });

  it('rejects the empty string', () => {
    expect(messages(ModelIdSchema, '')).toContain('id must not be empty');
  });

  it.each([
    ['a lone high surrogate', '\ud800-model'],
    ['a lone low surrogate', 'model-\udc00'],
  ])('rejects %s, which strict JSON readers refuse', (_what, id) => {
    expect(messages(ModelIdSchema, id)).toEqual(['id must not contain a lone surrogate (half of a UTF-16 pair)']);
    expect(messages(ProviderModelIdSchema, id)).toEqual(['id must not contain a lone surrogate (half of a UTF-16 pair)']);
  });

  it('accepts a character outside the BMP, written as a whole surrogate pair', () => {
    expect(messages(ModelIdSchema, 'model-\u{1F600}')).toEqual([]);
  });

  it('a provider spelling may use any case but no escape sequence', () => {
    expect(messages(ProviderModelIdSchema, 'Meta-Llama/Llama-3')).toEqual([]);
    expect(messages(ProviderModelIdSchema, 'evil\u001b]0;TITLE\u0007')).toEqual(['id must not contain control characters']);
  });
});

describe('provider ids', () => {
  it.each(['openai', 'github-models', 'vertex-ai', 'x2'])('accepts the slug %s', (id) => {
    expect(messages(ProviderIdSchema, id)).toEqual([]);
  });

  it.each(['OpenAI', 'open ai', 'open_ai', '-openai', 'open/ai', ''])('rejects %j', (id) => {
    expect(messages(ProviderIdSchema, id)).toEqual(['provider id must be a lowercase slug (a-z, 0-9, "-")']);
  });
});

describe('token limits', () => {
  it('rejects 0: a limit of nothing is a misread source, not a limit', () => {
    expect(messages(TokenLimitSchema, 0)).toEqual(['must be > 0 (omit the field when the limit is unknown)']);
  });

  it('rejects negative and fractional limits', () => {
    expect(messages(TokenLimitSchema, -1)).toEqual(['must be > 0 (omit the field when the limit is unknown)']);
    expect(messages(TokenLimitSchema, 1.5)).toEqual(['must be a whole number of tokens']);
  });

  it('accepts a positive whole number', () => {
    expect(messages(TokenLimitSchema, 128000)).toEqual([]);
  });
});

describe('price amounts', () => {
  it('accepts 0, which means free', () => {
    expect(messages(PriceAmountSchema, 0)).toEqual([]);
  });

  it('rejects a negative price', () => {
    expect(messages(PriceAmountSchema, -0.5)).toEqual(['price must not be negative']);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['null', null],
    ['a string', '0.5'],
  ])('rejects %s', (_what, value) => {
    expect(messages(PriceAmountSchema, value)).toEqual(['price must be a number (null and NaN are not prices)']);
  });
});

describe('currencies, dates and versions', () => {
  it.each(['usd', 'US', 'US$', 'USDT'])('rejects the currency %j', (c) => {
    expect(messages(CurrencySchema, c)).toEqual(['currency must be an ISO 4217 code such as USD']);
  });

  it('accepts ISO 4217 codes', () => {
    expect(messages(CurrencySchema, 'CNY')).toEqual([]);
  });

  it('accepts YYYY-MM and YYYY-MM-DD dates only', () => {
    expect(messages(DateStringSchema, '2025-07')).toEqual([]);
    expect(messages(DateStringSchema, '2025-07-01')).toEqual([]);
    expect(messages(DateStringSchema, '07/01/2025')).toEqual(['date must be YYYY-MM or YYYY-MM-DD']);
  });

  it('accepts YYYY.MM.DD versions only', () => {
    expect(messages(VersionSchema, '2026.11.22')).toEqual([]);
    expect(messages(VersionSchema, '2026-11-22')).toEqual(['version must be YYYY.MM.DD']);
  });
});

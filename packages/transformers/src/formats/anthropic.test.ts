import { describe, expect, it } from 'vitest';
import { UpstreamErrorBody } from '../upstream-error.ts';
import { transformAnthropic } from './anthropic.ts';

const page = (data: unknown[], hasMore: boolean) => ({
  data,
  has_more: hasMore,
  first_id: 'claude-opus-4-20250514',
  last_id: 'claude-3-7-sonnet-20250219',
});

describe('transformAnthropic', () => {
  it('reads display name and release date', () => {
    const { models } = transformAnthropic(
      page([{ type: 'model', id: 'claude-opus-4-20250514', display_name: 'Claude Opus 4', created_at: '2025-05-22T00:00:00Z' }], false),
    );
    expect(models).toEqual([
      { id: 'claude-opus-4-20250514', provider_model_id: 'claude-opus-4-20250514', name: 'Claude Opus 4', release_date: '2025-05-22' },
    ]);
  });

  it('exposes the cursor of the next page when has_more, and none on the last page', () => {
    const entry = { type: 'model', id: 'claude-3-7-sonnet-20250219', display_name: 'Claude Sonnet 3.7' };
    expect(transformAnthropic(page([entry], true)).nextPage).toEqual({ query: { after_id: 'claude-3-7-sonnet-20250219' } });
    expect(transformAnthropic(page([entry], false)).nextPage).toBeUndefined();
  });

  it('does not take the epoch Anthropic sends for an unknown date for a release date', () => {
    const { models } = transformAnthropic(page([{ id: 'claude-x', created_at: '1970-01-01T00:00:00Z' }], false));
    expect(models[0]?.release_date).toBeUndefined();
  });

  it('reads the limits and capability flags of newer responses', () => {
    const { models } = transformAnthropic(
      page(
        [
          {
            id: 'claude-sonnet-4-5',
            display_name: 'Claude Sonnet 4.5',
            created_at: '2025-09-29T00:00:00Z',
            max_input_tokens: 200000,
            max_tokens: 64000,
            capabilities: {
              batch: { supported: true },
              image_input: { supported: true },
              pdf_input: { supported: true },
              structured_outputs: { supported: false },
              thinking: { supported: true, types: { enabled: { supported: true } } },
            },
          },
        ],
        false,
      ),
    );
    expect(models[0]).toMatchObject({
      capabilities: ['FILE_INPUT', 'IMAGE_RECOGNITION', 'REASONING'],
      context_window: 200000,
      max_input_tokens: 200000,
      max_output_tokens: 64000,
    });
  });

  it('throws UpstreamErrorBody for an error body', () => {
    expect(() =>
      transformAnthropic({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }),
    ).toThrow(UpstreamErrorBody);
  });
});

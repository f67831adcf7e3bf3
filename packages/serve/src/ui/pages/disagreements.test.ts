import { describe, expect, it } from 'vitest';
import { factLabel } from './disagreements.ts';

describe('factLabel', () => {
  it('reads a price path as words: service tier, price key, long-context threshold', () => {
    expect(factLabel('pricing.input')).toBe('input price');
    expect(factLabel('pricing.cache_read')).toBe('cache read price');
    expect(factLabel('pricing.long_context>200000.output')).toBe('output price above 200,000 tokens');
    expect(factLabel('pricing.service_tiers.batch.long_context>272000.input')).toBe('batch input price above 272,000 tokens');
  });

  it('names a limit or the capability list by its field', () => {
    expect(factLabel('context_window')).toBe('context window');
    expect(factLabel('capabilities')).toBe('capabilities');
  });
});

import { describe, expect, it } from 'vitest';
import { perTokenPricing } from './pricing.ts';

const read = (raw: Record<string, unknown>) => {
  const warnings: string[] = [];
  return { ...perTokenPricing(raw, (m) => warnings.push(m)), warnings };
};
const usd = (n: number) => ({ per_million_tokens: n, currency: 'USD' });

describe('perTokenPricing', () => {
  it('turns per-token decimal strings into per-million numbers without float noise', () => {
    const { pricing } = read({ prompt: '0.0000003', completion: '0.0000025', input_cache_read: '0.0000003833' });
    expect(pricing).toEqual({ input: usd(0.3), output: usd(2.5), cache_read: usd(0.3833) });
  });

  it('keeps "0" as free', () => {
    expect(read({ prompt: '0', completion: '0' }).pricing).toEqual({ input: usd(0), output: usd(0) });
  });

  it('keeps cache write, reasoning and audio per token, and image, request and web search per unit', () => {
    const { pricing } = read({
      input_cache_write: '0.00000375',
      internal_reasoning: '0.00001',
      audio: '0.00004',
      image: '0.007225',
      request: '0.005',
      web_search: '0.01',
    });
    expect(pricing).toEqual({
      cache_write: usd(3.75),
      reasoning: usd(10),
      input_audio: usd(40),
      per_image: { price: 0.007225, currency: 'USD' },
      per_request: { price: 0.005, currency: 'USD' },
      per_web_search: { price: 0.01, currency: 'USD' },
    });
  });

  it('takes "-1" for a dynamic price: no price, and the model marked', () => {
    const result = read({ prompt: '-1', completion: '-1' });
    expect(result.pricing).toBeUndefined();
    expect(result.dynamic).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('leaves out a price object it cannot read, and an override with no prompt-size condition, without failing', () => {
    const result = read({ prompt: '0.000001', overrides: [{ prompt: '0.000002' }], completion: { tiers: [] } });
    expect(result.pricing).toEqual({ input: usd(1) });
    expect(result.warnings).toEqual(['pricing.overrides[0]: not a long-context price (only prompt-size conditions are kept); left out']);
  });

  it('warns about a value that is no price and leaves it out', () => {
    const result = read({ prompt: 'free', completion: '-0.5', request: true });
    expect(result.pricing).toBeUndefined();
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings[0]).toBe('pricing.prompt: "free" is not a price; left out');
  });

  it('ignores keys the catalog has no place for', () => {
    expect(read({ discount: 0, prompt: '0.000001' }).pricing).toEqual({ input: usd(1) });
  });
});

describe('perTokenPricing: OpenRouter long-context overrides', () => {
  it('turns a prompt-size override into a long-context tier, per-token x 1e6 exactly', () => {
    const { pricing, warnings } = read({
      prompt: '0.00000125',
      completion: '0.00001',
      overrides: [{ min_prompt_tokens: 200000, prompt: '0.0000025', completion: '0.000015', input_cache_read: '0.000000625' }],
    });
    expect(warnings).toEqual([]);
    expect(pricing).toEqual({
      input: usd(1.25),
      output: usd(10),
      long_context: [{ above_input_tokens: 200000, input: usd(2.5), output: usd(15), cache_read: usd(0.625) }],
    });
  });

  it('leaves out a time-limited override with a warning', () => {
    const { pricing, warnings } = read({
      prompt: '0.000001',
      overrides: [{ utc_start: '2026-06-01T00:00:00Z', utc_end: '2026-06-30T00:00:00Z', prompt: '0' }],
    });
    expect(pricing).toEqual({ input: usd(1) });
    expect(warnings).toEqual(['pricing.overrides[0]: not a long-context price (only prompt-size conditions are kept); left out']);
  });
});

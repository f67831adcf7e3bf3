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

  it('leaves out a long-context tier object or array without failing', () => {
    const result = read({ prompt: '0.000001', overrides: [{ prompt: '0.000002' }], completion: { tiers: [] } });
    expect(result.pricing).toEqual({ input: usd(1) });
    expect(result.warnings).toEqual([]);
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

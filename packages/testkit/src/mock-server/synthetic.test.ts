import { describe, expect, it } from 'vitest';
import { perTokenToPerMillion } from '@llm-catalog/catalog';
import {
  centsPerMillionToPerTokenString,
  syntheticModelFacts,
  syntheticModelNumbers,
  syntheticRoutes,
} from './synthetic.ts';

describe('synthetic providers', () => {
  it('serves N providers, each with M distinct models in the OpenAI list shape', () => {
    const routes = syntheticRoutes({ providers: 4, modelsPerProvider: 25, poolSize: 60, latencyMs: 300 });
    expect(routes.map((r) => r.path)).toEqual([
      '/synthetic-001/v1/models',
      '/synthetic-002/v1/models',
      '/synthetic-003/v1/models',
      '/synthetic-004/v1/models',
    ]);
    for (const route of routes) {
      expect(route.latencyMs).toBe(300);
      const body = route.pages[0] as { object: string; data: { id: string }[] };
      expect(body.object).toBe('list');
      expect(new Set(body.data.map((m) => m.id)).size).toBe(25);
    }
  });

  it('providers overlap in a shared pool, as real providers do', () => {
    const a = new Set(syntheticModelNumbers(0, 50, 100));
    const b = syntheticModelNumbers(1, 50, 100);
    expect(b.some((n) => a.has(n))).toBe(true);
    expect(() => syntheticModelNumbers(0, 101, 100)).toThrow(/distinct/);
  });

  it('per-token price strings are exact decimals of the per-million price', () => {
    expect(centsPerMillionToPerTokenString(5)).toBe('0.00000005');
    expect(centsPerMillionToPerTokenString(160)).toBe('0.0000016');
    expect(centsPerMillionToPerTokenString(0)).toBe('0');
    for (let n = 0; n < 200; n++) {
      const f = syntheticModelFacts(n);
      expect(perTokenToPerMillion(centsPerMillionToPerTokenString(f.inputCentsPerMillion))).toBe(
        f.inputCentsPerMillion / 100,
      );
      expect(f.maxOutputTokens).toBeLessThanOrEqual(f.contextWindow);
    }
  });
});

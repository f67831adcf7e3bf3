import { describe, expect, it } from 'vitest';
import { priceChart } from './chart.ts';

describe('priceChart', () => {
  it('draws each price as steps between commits, scaled to a round maximum', () => {
    const g = priceChart(
      [
        { date: '2026-01-01T12:00:00Z', input: 3, output: 10 },
        { date: '2026-01-02T12:00:00Z', input: 2.5, output: 10 },
      ],
      200,
      100,
    );
    expect(g.yTicks.at(-1)?.label).toBe('$10');
    // Plot area y 12..72 (60 px) for $0..$10: $3 at 54, $2.50 at 57.
    expect(g.input).toBe('M56 54 H120 V57 H184');
    expect(g.output).toBe('M56 12 H120 V12 H184');
    expect(g.xLabels.map((l) => l.label)).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('leaves a gap where a price is unknown instead of drawing it as zero', () => {
    const g = priceChart([{ date: '2026-01-01', input: 1 }, { date: '2026-01-02' }, { date: '2026-01-03', input: 1 }], 200, 100);
    expect(g.input.match(/M/g)).toHaveLength(2);
    expect(g.output).toBe('');
  });
});

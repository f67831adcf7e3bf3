/** The geometry of the price-history chart: pure, so it is tested without a browser. */

export interface PricePoint {
  /** ISO date of the commit. */
  date: string;
  input?: number;
  output?: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** SVG path data, empty when the series has no value. */
  input: string;
  output: string;
  yTicks: { y: number; label: string }[];
  xLabels: { x: number; label: string }[];
  /** The plotting area. */
  box: { left: number; right: number; top: number; bottom: number };
}

const niceMax = (max: number) => {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((v) => v >= max) ?? max;
};

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A step chart of input and output prices per commit: a price holds until the next commit changes it,
 * so the lines are drawn as steps, not slopes. Commits get equal slots (they are irregular in time)
 * and the last value holds to the right edge.
 */
export function priceChart(points: readonly PricePoint[], width = 720, height = 260): ChartGeometry {
  const box = { left: 56, right: width - 16, top: 12, bottom: height - 28 };
  const values = points.flatMap((p) => [p.input, p.output]).filter((v): v is number => v !== undefined);
  const top = niceMax(Math.max(0, ...values));
  // One equal slot per commit: each price holds across its slot until the next commit.
  const step = (box.right - box.left) / Math.max(1, points.length);
  const xOf = (i: number) => round(box.left + i * step);
  const yOf = (v: number) => round(box.bottom - (v / top) * (box.bottom - box.top));
  const path = (pick: (p: PricePoint) => number | undefined) => {
    let d = '';
    let open = false;
    points.forEach((p, i) => {
      const v = pick(p);
      if (v === undefined) {
        if (open) d += ` H${xOf(i)}`;
        open = false;
        return;
      }
      const x = xOf(i);
      const y = yOf(v);
      d += open ? ` H${x} V${y}` : `${d ? ' ' : ''}M${x} ${y}`;
      open = true;
    });
    if (open) d += ` H${round(box.right)}`;
    return d;
  };
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => ({ y: yOf(top * f), label: `$${+(top * f).toFixed(4)}` }));
  const every = Math.max(1, Math.ceil(points.length / 6));
  const xLabels = points.flatMap((p, i) => (i % every === 0 || i === points.length - 1 ? [{ x: xOf(i), label: p.date.slice(0, 10) }] : []));
  return { width, height, input: path((p) => p.input), output: path((p) => p.output), yTicks, xLabels, box };
}

/** Piecewise-linear curves over decimal years, used for every time-varying parameter. */

/** A knot: [decimal year, value]. */
export type Knot = readonly [number, number];

/** A parameter that varies over time. */
export type Curve = (year: number) => number;

/**
 * Linear interpolation between knots (sorted by year); flat before the first and after the
 * last knot.
 */
export function piecewise(knots: readonly Knot[]): Curve {
  if (knots.length === 0) throw new Error('piecewise: no knots');
  const xs = knots.map((k) => k[0]);
  const ys = knots.map((k) => k[1]);
  return (year: number): number => {
    const n = xs.length;
    if (year <= (xs[0] ?? 0)) return ys[0] ?? 0;
    if (year >= (xs[n - 1] ?? 0)) return ys[n - 1] ?? 0;
    let i = 1;
    while (i < n - 1 && year > (xs[i] ?? 0)) i++;
    const x0 = xs[i - 1] ?? 0;
    const x1 = xs[i] ?? 0;
    const y0 = ys[i - 1] ?? 0;
    const y1 = ys[i] ?? 0;
    return y0 + ((y1 - y0) * (year - x0)) / (x1 - x0);
  };
}

/** A constant curve. */
export function constant(value: number): Curve {
  return () => value;
}

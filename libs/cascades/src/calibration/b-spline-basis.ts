/**
 * Cubic B-splines on [0, 1] with equally spaced knots (Eilers and Marx's P-spline basis): `size`
 * functions, each a bump over four knot intervals, summing to one everywhere on [0, 1].
 */
export class CubicBSplineBasis {
  private readonly knots: number[];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 4) throw new RangeError(`a cubic B-spline basis needs at least 4 functions, got ${size}`);
    const intervals = size - 3;
    const h = 1 / intervals;
    this.knots = Array.from({ length: size + 4 }, (_, j) => (j - 3) * h);
  }

  /** The `size` basis values at x (clamped to [0, 1]). */
  evaluate(x: number): Float64Array {
    const t = this.knots;
    const v = Math.min(1 - 1e-12, Math.max(0, x));
    // Degree 0, then the Cox-de Boor recursion up to degree 3.
    let values = new Float64Array(t.length - 1);
    for (let j = 0; j < values.length; j++) values[j] = v >= t[j] && v < t[j + 1] ? 1 : 0;
    for (let degree = 1; degree <= 3; degree++) {
      const next = new Float64Array(t.length - 1 - degree);
      for (let j = 0; j < next.length; j++) {
        const left = ((v - t[j]) / (t[j + degree] - t[j])) * values[j];
        const right = ((t[j + degree + 1] - v) / (t[j + degree + 1] - t[j + 1])) * values[j + 1];
        next[j] = left + right;
      }
      values = next;
    }
    return values;
  }
}

/** D^T D for the second-difference operator D on `size` coefficients: the P-spline roughness penalty. */
export function secondDifferencePenalty(size: number): Float64Array {
  const p = new Float64Array(size * size);
  for (let r = 0; r + 2 < size; r++) {
    const row = [r, r + 1, r + 2];
    const coefficients = [1, -2, 1];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) p[row[a] * size + row[b]] += coefficients[a] * coefficients[b];
  }
  return p;
}

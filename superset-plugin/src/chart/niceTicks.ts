export interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

/**
 * A y axis over the values: round steps of 1, 2 or 5 times a power of ten. Bars start at zero;
 * lines start at zero unless that would flatten them (all values far from zero).
 */
export function niceScale(values: number[], options: { includeZero: boolean; tickCount?: number }): Scale {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (options.includeZero || lo >= 0 && lo < (hi - lo) * 0.5) lo = Math.min(0, lo);
  if (options.includeZero) hi = Math.max(0, hi);
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= lo === 0 ? 0 : pad;
    hi += pad;
  }
  const step = niceStep((hi - lo) / Math.max(1, (options.tickCount ?? 5) - 1));
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 2; t += step) ticks.push(roundTo(t, step));
  return { min, max, ticks };
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Removes floating-point noise such as 0.30000000000000004 from tick values. */
function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(decimals));
}

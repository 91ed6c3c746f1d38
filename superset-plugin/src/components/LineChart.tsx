import React from 'react';
import type { CategorySeries } from '../chart/chartSeries';
import { formatCompact } from '../chart/formatters';
import { niceScale } from '../chart/niceTicks';
import { seriesColor } from '../chart/palette';
import { CHAR_WIDTH, frameFor, labelStride, yPosition } from './chartFrame';
import Legend from './Legend';

export interface LineChartProps {
  data: CategorySeries;
  width: number;
  height: number;
  title: string;
}

/** A time series: one line per series, a dot per value, gaps where a value is missing. */
export default function LineChart({ data, width, height, title }: LineChartProps) {
  const { categories, series } = data;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = niceScale(values, { includeZero: false });
  const yLabels = scale.ticks.map(formatCompact);
  // Room on the right for half of the last x label, which is centred on the last point.
  const lastLabel = categories[categories.length - 1] ?? '';
  const frame = frameFor(width, height, yLabels, false, 0, Math.max(12, (lastLabel.length * CHAR_WIDTH) / 2 + 4));
  const step = categories.length > 1 ? frame.width / (categories.length - 1) : 0;
  const x = (i: number) => frame.left + (categories.length > 1 ? i * step : frame.width / 2);
  const stride = labelStride(categories, categories.length > 1 ? step : frame.width);

  return (
    <div className="chart line-chart">
      <svg width={width} height={height} role="img" aria-label={title}>
        <g className="grid">
          {scale.ticks.map((t) => (
            <line key={t} x1={frame.left} x2={frame.left + frame.width} y1={yPosition(t, scale, frame)} y2={yPosition(t, scale, frame)} />
          ))}
        </g>
        <g className="axis y-axis">
          {scale.ticks.map((t, i) => (
            <text key={t} x={frame.left - 6} y={yPosition(t, scale, frame) + 4} textAnchor="end">
              {yLabels[i]}
            </text>
          ))}
        </g>
        <g className="axis x-axis">
          {categories.map((c, i) =>
            i % stride === 0 ? (
              <text key={c} x={x(i)} y={frame.top + frame.height + 16} textAnchor="middle">
                {c}
              </text>
            ) : null,
          )}
        </g>
        {series.map((s, si) => (
          <g key={s.name} className="series" data-series={s.name}>
            <path d={linePath(s.values, x, (v) => yPosition(v, scale, frame))} fill="none" stroke={seriesColor(si)} strokeWidth={2} />
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={categories[i]} className="point" cx={x(i)} cy={yPosition(v, scale, frame)} r={3} fill={seriesColor(si)} data-x={categories[i]} data-value={v}>
                  <title>{`${s.name} · ${categories[i]}: ${v}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
      </svg>
      <Legend names={series.map((s) => s.name)} />
    </div>
  );
}

/** An SVG path through the values; a missing value starts a new segment. */
export function linePath(values: (number | null)[], x: (i: number) => number, y: (v: number) => number): string {
  let path = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    drawing = true;
  });
  return path;
}

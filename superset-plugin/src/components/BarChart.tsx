import React from 'react';
import type { CategorySeries } from '../chart/chartSeries';
import { formatCompact } from '../chart/formatters';
import { niceScale } from '../chart/niceTicks';
import { seriesColor } from '../chart/palette';
import { frameFor, labelStride, truncateLabel, yPosition } from './chartFrame';
import Legend from './Legend';

export interface BarChartProps {
  data: CategorySeries;
  width: number;
  height: number;
  title: string;
}

/** Categories along x, one bar per series in each category, from zero. */
export default function BarChart({ data, width, height, title }: BarChartProps) {
  const { categories, series } = data;
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const scale = niceScale(values, { includeZero: true });
  const yLabels = scale.ticks.map(formatCompact);
  const longest = Math.max(1, ...categories.map((c) => truncateLabel(c).length));
  const provisional = frameFor(width, height, yLabels, false, 0);
  const band = provisional.width / Math.max(1, categories.length);
  const rotate = longest * 6.5 + 6 > band;
  const frame = frameFor(width, height, yLabels, rotate, longest);
  const slot = frame.width / Math.max(1, categories.length);
  const barWidth = Math.max(1, (slot * 0.75) / Math.max(1, series.length));
  const zero = yPosition(Math.max(scale.min, Math.min(0, scale.max)), scale, frame);
  const stride = rotate ? labelStride(categories.map(() => 'xx'), slot) : 1;

  return (
    <div className="chart bar-chart">
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
          {categories.map((c, i) => {
            if (i % stride !== 0) return null;
            const cx = frame.left + slot * (i + 0.5);
            const cy = frame.top + frame.height + (rotate ? 10 : 16);
            return (
              <text key={c} x={cx} y={cy} textAnchor={rotate ? 'end' : 'middle'} transform={rotate ? `rotate(-40 ${cx} ${cy})` : undefined}>
                {truncateLabel(c)}
              </text>
            );
          })}
        </g>
        {series.map((s, si) => (
          <g key={s.name} className="series" data-series={s.name} fill={seriesColor(si)}>
            {s.values.map((v, i) => {
              if (v === null) return null;
              const top = yPosition(v, scale, frame);
              const left = frame.left + slot * i + slot * 0.125 + barWidth * si;
              return (
                <rect key={categories[i]} className="bar" x={left} y={Math.min(top, zero)} width={barWidth} height={Math.max(1, Math.abs(zero - top))} data-x={categories[i]} data-value={v}>
                  <title>{`${s.name} · ${categories[i]}: ${v}`}</title>
                </rect>
              );
            })}
          </g>
        ))}
      </svg>
      <Legend names={series.map((s) => s.name)} />
    </div>
  );
}

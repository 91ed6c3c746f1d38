import type { Scale } from '../chart/niceTicks';

/** Plot area inside an SVG, leaving room for the y labels on the left and x labels below. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const CHAR_WIDTH = 6.5;

export function frameFor(width: number, height: number, yLabels: string[], rotateX: boolean, longestX: number, right = 12): Frame {
  const left = 10 + CHAR_WIDTH * Math.max(1, ...yLabels.map((l) => l.length));
  const bottom = rotateX ? 14 + Math.min(longestX, 18) * CHAR_WIDTH * 0.7 : 24;
  return { left, top: 10, width: Math.max(20, width - left - right), height: Math.max(20, height - 10 - bottom) };
}

export function yPosition(value: number, scale: Scale, frame: Frame): number {
  const span = scale.max - scale.min || 1;
  return frame.top + frame.height * (1 - (value - scale.min) / span);
}

/** Shows every k-th x label so that they do not overlap. */
export function labelStride(labels: string[], slotWidth: number): number {
  const longest = Math.max(1, ...labels.map((l) => l.length));
  return Math.max(1, Math.ceil((longest * CHAR_WIDTH + 8) / Math.max(1, slotWidth)));
}

export function truncateLabel(label: string, max = 18): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

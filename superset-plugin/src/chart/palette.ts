/** Series colours (Superset's default categorical scheme), then repeated. */
export const SERIES_COLORS = ['#1FA8C9', '#454E7C', '#5AC189', '#FF7F44', '#666666', '#E04355', '#FCC700', '#A868B7', '#3CCCCB', '#A38F79'];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

export type DeltaColors = 'green-up' | 'red-up';

/** Up and down colours; red-up is the convention of Chinese markets. */
export function deltaColor(direction: 'up' | 'down' | 'flat', scheme: DeltaColors): string {
  if (direction === 'flat') return '#666666';
  const good = '#2E8B57';
  const bad = '#D0342C';
  const upIsGreen = scheme === 'green-up';
  return direction === 'up' ? (upIsGreen ? good : bad) : upIsGreen ? bad : good;
}

import React from 'react';
import { render } from '@testing-library/react';
import SeriesTotal from '../../src/components/SeriesTotal';

const columns = [
  { name: 'day', type: 'DATE', role: 'time' as const },
  { name: 'installs', type: 'BIGINT', role: 'metric' as const },
  { name: 'dau', type: 'BIGINT', role: 'metric' as const },
];
const rows = [
  { day: '2026-01-01', installs: 1200, dau: 10 },
  { day: '2026-01-02', installs: '34', dau: 12 },
];

describe('SeriesTotal', () => {
  it('calls a whole-range value that is the sum of the rows a total, and one that is not "no total"', () => {
    const { container } = render(<SeriesTotal answer={{ columns, rows, truncated: false, total: { installs: 1234, dau: 15 } }} />);
    const installs = container.querySelector('[data-metric="installs"]')!;
    expect(installs.getAttribute('data-kind')).toBe('sum');
    expect(installs.textContent).toBe('Total installs: 1,234');
    const dau = container.querySelector('[data-metric="dau"]')!;
    expect(dau.getAttribute('data-kind')).toBe('whole-range');
    expect(dau.textContent).toBe(' · dau over the whole range: 15 (no total: not the sum of the rows)');
    expect(dau.textContent).toContain('no total');
  });

  it('does not call a truncated answer\'s value a total, and shows nothing without one', () => {
    const { container } = render(<SeriesTotal answer={{ columns, rows, truncated: true, total: { installs: 1234 } }} />);
    expect(container.querySelector('[data-metric="installs"]')!.getAttribute('data-kind')).toBe('whole-range');
    expect(render(<SeriesTotal answer={{ columns, rows, truncated: false }} />).container.textContent).toBe('');
  });
});

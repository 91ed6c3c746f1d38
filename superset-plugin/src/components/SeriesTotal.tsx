import React from 'react';
import type { AskAnswer } from '../api/answerTypes';
import { toNumber } from '../chart/chartSeries';
import { formatCell } from '../chart/formatters';
import { t } from '../host/translate';

/**
 * A series answer's metrics over its whole range, which ChatBI computes with the metric's own
 * aggregate. For a sum or a count that is the sum of the rows, and it is called the total; for an
 * average, a ratio or a distinct count (users over a week are not the sum of the days' users) it
 * is not, and it says so.
 */
export default function SeriesTotal({ answer }: { answer: Pick<AskAnswer, 'columns' | 'rows' | 'total' | 'truncated'> }) {
  const total = answer.total ?? {};
  const metrics = answer.columns.filter((c) => c.role === 'metric' && toNumber(total[c.name]) !== null);
  if (metrics.length === 0) return null;
  return (
    <p className="series-total">
      {metrics.map((c, i) => {
        const value = toNumber(total[c.name])!;
        const isSum = !answer.truncated && sameNumber(value, answer.rows.reduce<number>((sum, row) => sum + (toNumber(row[c.name]) ?? 0), 0));
        return (
          <span key={c.name} className="total" data-metric={c.name} data-kind={isSum ? 'sum' : 'whole-range'}>
            {i > 0 ? ' · ' : ''}
            {isSum ? `${t('Total')} ${c.name}` : `${c.name} ${t('over the whole range')}`}: <strong>{formatCell(value, c)}</strong>
            {isSum ? '' : ` (${t('no total: not the sum of the rows')})`}
          </span>
        );
      })}
    </p>
  );
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

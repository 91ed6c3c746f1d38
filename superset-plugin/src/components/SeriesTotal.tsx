import React from 'react';
import type { AskAnswer } from '../api/answerTypes';
import { formatCell } from '../chart/formatters';
import { t } from '../host/translate';

/**
 * A series answer's metrics over its whole range, which ChatBI computes with the same aggregate:
 * for a sum or count the total, for a distinct count the distinct count over the range (not the
 * sum of the days), for an average or ratio the range's own value. So it is labelled as such.
 */
export default function SeriesTotal({ answer }: { answer: Pick<AskAnswer, 'columns' | 'total'> }) {
  const metrics = answer.columns.filter((c) => c.role === 'metric' && answer.total && c.name in answer.total);
  if (metrics.length === 0) return null;
  return (
    <p className="series-total">
      {t('Whole range:')}{' '}
      {metrics.map((c, i) => (
        <span key={c.name} className="total" data-metric={c.name} data-value={String(answer.total![c.name])}>
          {i > 0 ? ' · ' : ''}
          {c.name} <strong>{formatCell(answer.total![c.name], c)}</strong>
          {c.additive === false ? ` (${t('not a sum of the rows')})` : ''}
        </span>
      ))}
    </p>
  );
}

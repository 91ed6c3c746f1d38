import React from 'react';
import type { AskAnswer } from '../api/answerTypes';
import { formatCell } from '../chart/formatters';

export const MAX_TABLE_ROWS = 200;

/** The answer's rows; numbers right-aligned, at most MAX_TABLE_ROWS shown. */
export default function ResultTable({ answer }: { answer: Pick<AskAnswer, 'columns' | 'rows' | 'truncated'> }) {
  const { columns, rows, truncated } = answer;
  const shown = rows.slice(0, MAX_TABLE_ROWS);
  const numeric = new Set(columns.filter((c) => c.role === 'metric' || c.role === 'comparison').map((c) => c.name));
  return (
    <div className="result-table">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.name} scope="col" className={numeric.has(c.name) ? 'number' : undefined}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, i) => (
              // Rows have no key of their own; their position is stable for an answer.
              // eslint-disable-next-line react/no-array-index-key
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.name} className={numeric.has(c.name) ? 'number' : undefined}>
                    {formatCell(row[c.name], c)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(rows.length > shown.length || truncated) && (
        <p className="table-note">
          {rows.length > shown.length ? `Showing ${shown.length} of ${rows.length} rows. ` : ''}
          {truncated ? 'ChatBI stopped at its row cap; narrow the question for the rest.' : ''}
        </p>
      )}
    </div>
  );
}

import React from 'react';
import type { AskAnswer } from '../api/answerTypes';
import { metricsWithDeltas } from '../chart/comparisons';
import { formatBig, formatDelta } from '../chart/formatters';
import { deltaColor, type DeltaColors } from '../chart/palette';

const ARROWS = { up: '▲', down: '▼', flat: '■' } as const;

/** One total per metric, with its period-over-period changes coloured up or down. */
export default function BigNumber({ answer, deltaColors }: { answer: Pick<AskAnswer, 'columns' | 'rows'>; deltaColors: DeltaColors }) {
  const metrics = metricsWithDeltas(answer);
  return (
    <div className="chart big-numbers">
      {metrics.map((m) => (
        <div key={m.metric} className="big-number" data-metric={m.metric}>
          <div className="label">{m.metric}</div>
          <div className="value">{m.value === null ? '–' : formatBig(m.value)}</div>
          {m.deltas.length > 0 && (
            <div className="deltas">
              {m.deltas.map((d) => (
                <span key={d.column} className={`delta ${d.direction}`} data-direction={d.direction} style={{ color: deltaColor(d.direction, deltaColors) }}>
                  <span className="period">{d.label}</span>
                  {d.value === null ? 'n/a' : `${ARROWS[d.direction]} ${formatDelta(d.value, d.output)}`}
                </span>
              ))}
            </div>
          )}
        </div>
      ))}
    </div>
  );
}

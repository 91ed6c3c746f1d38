import React, { useState } from 'react';
import type { AskAnswer, ChartKind } from '../api/answerTypes';
import { chartKindsFor, chartSpecFor } from '../chart/chartKinds';
import { categorySeries, topSeries } from '../chart/chartSeries';
import type { DeltaColors } from '../chart/palette';
import { answerCsv, csvFileName, downloadText } from '../export/csv';
import { t } from '../host/translate';
import BarChart from './BarChart';
import BigNumber from './BigNumber';
import LineChart from './LineChart';
import ResultTable from './ResultTable';
import SeriesTotal from './SeriesTotal';

const KIND_LABELS: Record<ChartKind, string> = { line: 'Line', bar: 'Bar', number: 'Number', table: 'Table' };

/**
 * The answer drawn the way ChatBI chose (chart.kind) or as the analyst switches it, with the table of
 * rows under a chart, the series' whole-range value, and a CSV download of the rows.
 */
export default function AnswerView({ answer, width, deltaColors }: { answer: AskAnswer; width: number; deltaColors: DeltaColors }) {
  const [kind, setKind] = useState<ChartKind>(answer.chart.kind);
  if (answer.rows.length === 0) return <p className="meta">{t('No rows: nothing matched the question.')}</p>;
  const kinds = chartKindsFor(answer);
  return (
    <>
      <div className="answer-tools">
        {kinds.length > 1 && (
          <div className="chart-kinds" role="group" aria-label={t('Chart type')}>
            {kinds.map((k) => (
              <button key={k} type="button" aria-pressed={k === kind} onClick={() => setKind(k)}>
                {t(KIND_LABELS[k])}
              </button>
            ))}
          </div>
        )}
        <button type="button" className="download" onClick={() => downloadText(answerCsv(answer), csvFileName(answer.question), 'text/csv;charset=utf-8')}>
          {t('Download CSV')}
        </button>
      </div>
      <AnswerBody answer={answer} kind={kind} width={width} deltaColors={deltaColors} />
      {answer.total && <SeriesTotal answer={answer} />}
    </>
  );
}

function AnswerBody({ answer, kind, width, deltaColors }: { answer: AskAnswer; kind: ChartKind; width: number; deltaColors: DeltaColors }) {
  const chart = chartSpecFor(answer, kind);
  const chartHeight = Math.round(Math.min(260, Math.max(160, width * 0.35)));
  const title = `${chart.series.join(', ')}${chart.x ? ` by ${chart.x}` : ''}`;
  if (kind === 'number') return <BigNumber answer={answer} deltaColors={deltaColors} />;
  if (kind === 'table') return <ResultTable answer={answer} />;
  const additive = chart.series.every((metric) => answer.columns.find((c) => c.name === metric)?.additive === true);
  const data = topSeries(categorySeries({ chart, rows: answer.rows }), additive);
  const Chart = kind === 'line' ? LineChart : BarChart;
  return (
    <>
      <Chart data={data} width={width} height={chartHeight} title={`${kind === 'line' ? 'Line' : 'Bar'} chart of ${title}`} />
      {data.folded > 0 && (
        <p className="chart-note">
          {data.other
            ? `${t('The largest')} ${data.series.length - 1} ${t('series are drawn; the other')} ${data.folded} ${t('are summed into "other". The table has them all.')}`
            : `${t('The largest')} ${data.series.length} ${t('series are drawn;')} ${data.folded} ${t('more are left out (their values do not add up into "other"). The table has them all.')}`}
        </p>
      )}
      <ResultTable answer={answer} />
    </>
  );
}

import React from 'react';
import type { AskAnswer } from '../api/answerTypes';
import { categorySeries } from '../chart/chartSeries';
import type { DeltaColors } from '../chart/palette';
import { t } from '../host/translate';
import BarChart from './BarChart';
import BigNumber from './BigNumber';
import LineChart from './LineChart';
import ResultTable from './ResultTable';

/** The answer drawn the way ChatBI chose (chart.kind), with the table of rows under a chart. */
export default function AnswerView({ answer, width, deltaColors }: { answer: AskAnswer; width: number; deltaColors: DeltaColors }) {
  const { chart } = answer;
  const chartHeight = Math.round(Math.min(260, Math.max(160, width * 0.35)));
  const title = `${chart.series.join(', ')}${chart.x ? ` by ${chart.x}` : ''}`;
  if (answer.rows.length === 0) return <p className="meta">{t('No rows: nothing matched the question.')}</p>;
  switch (chart.kind) {
    case 'line':
      return (
        <>
          <LineChart data={categorySeries(answer)} width={width} height={chartHeight} title={`Line chart of ${title}`} />
          <ResultTable answer={answer} />
        </>
      );
    case 'bar':
      return (
        <>
          <BarChart data={categorySeries(answer)} width={width} height={chartHeight} title={`Bar chart of ${title}`} />
          <ResultTable answer={answer} />
        </>
      );
    case 'number':
      return <BigNumber answer={answer} deltaColors={deltaColors} />;
    default:
      return <ResultTable answer={answer} />;
  }
}

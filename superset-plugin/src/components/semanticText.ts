import type { AskProgress, SemanticReport, SemanticThreshold } from '../api/answerTypes';

type RunningProgress = Exclude<AskProgress, { state: 'pending' }>;

/** "412 rows judged, 58 by the LLM, 3 undecided (2 oracle timed out, 1 text is empty)" */
export function semanticSummary(report: SemanticReport): string {
  const reasons = Object.entries(report.undecidedReasons ?? {})
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  return `${report.rowsIn} ${plural(report.rowsIn, 'row')} judged, ${report.oracleDecided} by the LLM, ${report.undecided} undecided${reasons ? ` (${reasons})` : ''}`;
}

/** One line while a cascade runs; undefined when there is nothing to show yet. */
export function progressLine(progress: AskProgress): string | undefined {
  if (progress.state === 'pending' || progress.state === 'failed') return undefined;
  const which = progress.operators > 1 ? ` (${progress.operator + 1} of ${progress.operators})` : '';
  const about = `“${progress.instruction}”${which}`;
  switch (progress.state) {
    case 'reading':
      return `Reading the rows to judge for ${about}…`;
    case 'aggregating':
      return `Judged ${about}; adding up the ${progress.rowsIn} ${plural(progress.rowsIn, 'row')} that passed…`;
    default: {
      const counts = `${progress.rowsSeen} of ${progress.rowsIn} rows seen, ${progress.oracleCalls} sent to the LLM, ${progress.undecided} undecided`;
      const thresholds = thresholdsText(progress);
      return `${progress.state === 'done' ? 'Judged' : 'Judging'} ${about}: ${counts}${thresholds ? ` · thresholds ${thresholds}` : ''}`;
    }
  }
}

/** "0.12–0.91, 0.20–0.88 +6 more": the proxy-score band each partition still sends to the LLM. */
export function thresholdsText(progress: Pick<RunningProgress, 'thresholds'>, shown = 4): string {
  const parts = progress.thresholds.slice(0, shown).map((t) => `${score(t.low, '−∞')}–${score(t.high, '∞')}`);
  const more = progress.thresholds.length - shown;
  return `${parts.join(', ')}${more > 0 ? ` +${more} more` : ''}`;
}

/** JSON has no infinity: an open end of the band arrives as null. */
function score(value: SemanticThreshold['low'], open: string): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : open;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

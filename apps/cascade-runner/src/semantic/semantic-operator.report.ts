import type { CascadeAlgorithmConfig, CascadeOutcome, PlanSemantic, SemanticOperatorReport } from '@chatbi/contracts';

/** The answer's account of one operator: who decided how many rows, at what cost, with what thresholds. */
export function reportOperator(op: PlanSemantic, outcome: CascadeOutcome, algorithm: CascadeAlgorithmConfig, elapsedMs: number): SemanticOperatorReport {
  const undecidedReasons: Record<string, number> = {};
  let proxyDecided = 0;
  let oracleDecided = 0;
  let rowsOut = 0;
  const labelCounts: Record<string, number> = {};
  if (op.op === 'ai_classify') for (const label of op.labels) labelCounts[label] = 0;
  for (const d of outcome.decisions) {
    if (d.by === 'undecided' || d.verdict === null) {
      const reason = d.reason ?? 'no verdict';
      undecidedReasons[reason] = (undecidedReasons[reason] ?? 0) + 1;
      continue;
    }
    if (d.by === 'proxy') proxyDecided++;
    else oracleDecided++;
    if (op.op === 'ai_filter' ? d.verdict === true : typeof d.verdict === 'string') rowsOut++;
    if (op.op === 'ai_classify' && typeof d.verdict === 'string') labelCounts[d.verdict] = (labelCounts[d.verdict] ?? 0) + 1;
  }
  const settings: Record<string, number> = {};
  for (const [key, value] of Object.entries(algorithm)) if (typeof value === 'number') settings[key] = value;
  return {
    op: op.op,
    column: op.column,
    instruction: op.instruction,
    algorithm: outcome.algorithm,
    settings,
    proxy: outcome.proxy,
    oracle: outcome.oracle,
    partitions: outcome.partitions,
    rowsIn: outcome.decisions.length,
    rowsOut,
    ...(op.op === 'ai_classify' ? { labelCounts } : {}),
    proxyDecided,
    oracleDecided,
    undecided: outcome.decisions.length - proxyDecided - oracleDecided,
    undecidedReasons,
    oracleCalls: outcome.oracleCalls,
    oracleTokens: outcome.oracleTokens,
    thresholds: outcome.thresholds.map((t) => ({ partition: t.partition, low: round(t.low), high: round(t.high) })),
    elapsedMs: Math.round(elapsedMs),
  };
}

/** "412 rows judged, 58 by the LLM, 3 undecided (oracle timed out)." */
export function summarizeOperator(r: SemanticOperatorReport): string {
  const reasons = Object.entries(r.undecidedReasons).map(([reason, n]) => `${n} ${reason}`).join(', ');
  return `${r.op}("${r.instruction}"): ${r.rowsIn} rows judged, ${r.oracleDecided} by the LLM, ${r.undecided} undecided${reasons ? ` (${reasons})` : ''}.`;
}

function round(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n;
}

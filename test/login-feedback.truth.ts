import { localDate, resolveTimeRange, type AskResponse } from '@chatbi/contracts';

type ReadWarehouse = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

/** Ids of the demo feedback in the answer's time range whose category is login: the truth, by a query written here. */
export async function loginFeedbackIds(answer: AskResponse, read: ReadWarehouse): Promise<Set<string>> {
  const span = resolveTimeRange(answer.plan.time!.range!, localDate(new Date()), 1);
  const rows = await read(
    `SELECT CAST(feedback_id AS VARCHAR) AS id FROM user_feedback WHERE feedback_category = 'login' AND event_day BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)`,
    [span.from, span.to],
  );
  return new Set(rows.map((r) => String(r.id)));
}

/** The keys the answer's aggregate was restricted to: the rows the ai_filter kept (bound as one list parameter). */
export function keptIds(answer: AskResponse): Set<string> {
  return new Set(((answer.sqlParams.find(Array.isArray) ?? []) as unknown[]).map(String));
}

/** F1 of the kept ids against the true ones (1 when both are empty). */
export function setF1(kept: ReadonlySet<string>, truth: ReadonlySet<string>): number {
  const tp = [...kept].filter((id) => truth.has(id)).length;
  return kept.size + truth.size === 0 ? 1 : (2 * tp) / (kept.size + truth.size);
}

/** The answer's feedback count, summed over its rows. */
export function feedbackCount(answer: AskResponse): number {
  return answer.rows.reduce((n, r) => n + Number(r.feedback_cnt), 0);
}

import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ChatbiError, type AskResponse } from '@chatbi/contracts';
import { executionMatch, ordersResult } from '../execution/execution-match';
import type { ResultSet } from '../execution/result-set';
import { usefulExecution } from '../execution/useful-execution';
import { goldHardness } from './gold-hardness';
import { answerResultSet, goldRoles, type EvalRecord, type PipelineUnderTest } from './eval-record';
import type { MrdDialogue, SrdQuestion } from './demo-benchmark.dataset';

export interface DialogueRecord {
  id: string;
  switchesView: boolean;
  turns: EvalRecord[];
  /** Every turn executes to the gold's result. */
  ex: boolean;
  uex: boolean;
}

/** Asks one question (in a session when given) and scores the answer against the gold's result. */
export async function scoreQuestion(
  pipeline: PipelineUnderTest,
  item: { id: string; question: string; goldSql: string; type?: string; language?: string },
  sessionId?: string,
  hardness: (goldSql: string) => EvalRecord['hardness'] = (sql) => goldHardness(sql, pipeline.catalog),
): Promise<EvalRecord> {
  const gold = await pipeline.runGold(item.goldSql);
  const goldSet = { ...gold, roles: goldRoles(gold, pipeline.catalog) };
  const started = performance.now();
  let answer: AskResponse | undefined;
  let error: string | undefined;
  try {
    answer = await pipeline.ask(item.question, sessionId);
  } catch (e) {
    const failure = ChatbiError.from(e);
    error = `${failure.code}: ${failure.code === 'INTERNAL' && e instanceof Error ? e.message : failure.message}`;
  }
  const ms = Math.round(performance.now() - started);
  const pred = answer ? answerResultSet(answer) : undefined;
  const usefulness = usefulExecution(pred ?? { error: error ?? 'no answer' }, goldSet);
  return {
    id: item.id,
    question: item.question,
    ...(item.type ? { type: item.type } : {}),
    ...(item.language ? { language: item.language } : {}),
    hardness: hardness(item.goldSql),
    goldSql: item.goldSql,
    ...(answer ? { predSql: answer.sql, predParams: answer.sqlParams, view: answer.view, plan: answer.plan } : {}),
    ...(error ? { error } : {}),
    ex: pred ? executionMatch(pred, gold, { ordered: ordersResult(item.goldSql) }) : false,
    uex: usefulness.useful,
    uexReason: usefulness.reason,
    tokens: answer?.tokens ?? null,
    ms,
  };
}

export async function runSrd(pipeline: PipelineUnderTest, questions: SrdQuestion[], onProgress?: (done: number) => void): Promise<EvalRecord[]> {
  const out: EvalRecord[] = [];
  for (const q of questions) {
    out.push(await scoreQuestion(pipeline, { id: q.id, question: q.question, goldSql: q.gold_sql, type: q.type, language: q.language }));
    onProgress?.(out.length);
  }
  return out;
}

/**
 * Runs each dialogue in its own session, turn by turn. With standalone set, every turn is asked
 * without the conversation (a fresh session): the baseline that shows what dialogue matching adds.
 */
export async function runMrd(
  pipeline: PipelineUnderTest,
  dialogues: MrdDialogue[],
  options: { standalone?: boolean; onProgress?: (done: number) => void } = {},
): Promise<DialogueRecord[]> {
  const out: DialogueRecord[] = [];
  for (const d of dialogues) {
    const sessionId = `eval-${d.id}-${randomUUID().slice(0, 8)}`;
    const turns: EvalRecord[] = [];
    for (const [i, t] of d.turns.entries()) {
      const session = options.standalone ? `eval-alone-${randomUUID().slice(0, 8)}` : sessionId;
      turns.push(await scoreQuestion(pipeline, { id: `${d.id}#${i + 1}`, question: t.question, goldSql: t.gold_sql, type: d.switches_view ? 'switches_view' : 'same_view' }, session));
    }
    out.push({ id: d.id, switchesView: d.switches_view, turns, ex: turns.every((t) => t.ex), uex: turns.every((t) => t.uex) });
    options.onProgress?.(out.length);
  }
  return out;
}

export type { ResultSet };

import React from 'react';
import type { AskProgress } from '../api/answerTypes';
import type { DeltaColors } from '../chart/palette';
import type { Turn } from '../conversation/conversationReducer';
import { t } from '../host/translate';
import AnswerView from './AnswerView';
import ClarificationChoices from './ClarificationChoices';
import FeedbackPrompt from './FeedbackPrompt';
import RunningIndicator from './RunningIndicator';
import SemanticProgressPoller from './SemanticProgressPoller';
import SemanticSummary from './SemanticSummary';
import SqlBlock from './SqlBlock';

export interface ConversationTurnProps {
  turn: Turn;
  width: number;
  deltaColors: DeltaColors;
  onFeedback: (turn: Turn, useful: boolean) => void;
  /** Asks a clarification's question in the turn's session; disabled while a question runs. */
  onClarify: (question: string, sessionId: string) => void;
  busy: boolean;
  /** Inside Superset: SQL Lab is there to open the SQL in. */
  inSuperset: boolean;
  /** Polled while the turn runs, for the progress of semantic operators. */
  fetchProgress?: (requestId: string) => Promise<AskProgress>;
}

/** One question and what came back: the answer, the error, or the running indicator. */
export default function ConversationTurn({ turn, width, deltaColors, onFeedback, onClarify, busy, inSuperset, fetchProgress }: ConversationTurnProps) {
  return (
    <article className="turn" data-status={turn.status} aria-busy={turn.status === 'running'}>
      <div className="question">{turn.question}</div>
      {turn.status === 'running' && <RunningIndicator startedAt={turn.startedAt} />}
      {turn.status === 'running' && fetchProgress && <SemanticProgressPoller requestId={turn.requestId} fetchProgress={fetchProgress} />}
      {turn.status === 'failed' && (
        <div className="error" role="alert">
          <span className="code">{turn.error.code}</span>
          {turn.error.message}
        </div>
      )}
      {turn.status === 'failed' && turn.error.candidates && turn.error.candidates.length > 0 && (
        <ClarificationChoices candidates={turn.error.candidates} disabled={busy} onChoose={(question) => onClarify(question, turn.sessionId)} />
      )}
      {turn.status === 'answered' && (
        <>
          {turn.answer.resolvedQuestion && turn.answer.resolvedQuestion !== turn.answer.question && (
            <p className="resolved">
              {t('Understood as')} <q>{turn.answer.resolvedQuestion}</q>
            </p>
          )}
          <p className="meta">
            {t('View')} <code className="view">{turn.answer.view}</code> · {turn.answer.rows.length} {turn.answer.rows.length === 1 ? t('row') : t('rows')} · {totalMs(turn.answer.timings)} ms
          </p>
          {turn.answer.semantic && turn.answer.semantic.length > 0 && <SemanticSummary reports={turn.answer.semantic} />}
          {turn.answer.warnings.length > 0 && (
            <ul className="warnings">
              {turn.answer.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <AnswerView answer={turn.answer} width={width} deltaColors={deltaColors} />
          <SqlBlock sql={turn.answer.sql} params={turn.answer.sqlParams} dialect={turn.answer.dialect} sqlLabName={inSuperset ? `ChatBI: ${turn.question}` : undefined} />
          <FeedbackPrompt feedback={turn.feedback} onSend={(useful) => onFeedback(turn, useful)} />
        </>
      )}
    </article>
  );
}

function totalMs(timings: Record<string, number>): number {
  return Math.round(Object.values(timings).reduce((sum, ms) => sum + (Number.isFinite(ms) ? ms : 0), 0));
}

import React, { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { ChatbiApiError } from './api/ChatbiApiError';
import type { ChatbiClient } from './api/ChatbiClient';
import { createDirectClient } from './api/createDirectClient';
import { createSupersetProxyClient } from './api/createSupersetProxyClient';
import ConversationHistory from './components/ConversationHistory';
import ConversationTurn from './components/ConversationTurn';
import { PanelStyles } from './components/PanelStyles';
import { conversationReducer, initialConversation, newRequestId, newSessionId, type Turn, type TurnError } from './conversation/conversationReducer';
import type { ChatbiAskPanelProps } from './types';
import { t } from './host/translate';

export const EXAMPLE_QUESTIONS = ['DAU of the main app over the last 7 days', '近7天主版DAU', 'top 5 cities by DAU last week'];

/**
 * The Ask panel: a question box under the conversation. Each turn shows how ChatBI understood the
 * question, the view it chose, the answer drawn as it suggests, the SQL, and "was this useful?".
 */
export default function ChatbiAskPanel(props: ChatbiAskPanelProps) {
  const { width, height, connection, apiUrl, apiToken, sessionMode, deltaColors } = props;
  const client: ChatbiClient = useMemo(
    () => (connection === 'superset' ? createSupersetProxyClient(apiUrl) : createDirectClient({ apiUrl, apiToken })),
    [connection, apiUrl, apiToken],
  );
  const [state, dispatch] = useReducer(conversationReducer, undefined, () => initialConversation(newSessionId()));
  const [draft, setDraft] = useState('');
  const [showHistory, setShowHistory] = useState(false);
  const running = state.turns.some((t) => t.status === 'running');
  const mounted = useRef(true);
  // Guards against a second submit before React has re-rendered the disabled button.
  const inFlight = useRef(false);
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => () => void (mounted.current = false), []);
  useEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight;
  }, [state.turns]);

  const ask = useCallback(
    /** sessionId: a clarification's, so that the chosen reading continues its conversation. */
    async (text: string, session?: string) => {
      const question = text.trim();
      if (!question || inFlight.current) return;
      inFlight.current = true;
      const id = state.nextId;
      const sessionId = session ?? (sessionMode === 'single' ? newSessionId() : state.sessionId);
      // Our own request id, so that the turn can poll the question's progress while it runs.
      const requestId = newRequestId();
      dispatch({ type: 'asked', question, sessionId, requestId, at: Date.now() });
      setDraft('');
      try {
        const answer = await client.ask({ question, sessionId, requestId });
        if (mounted.current) dispatch({ type: 'answered', id, answer });
      } catch (error) {
        if (mounted.current) dispatch({ type: 'failed', id, error: toTurnError(error) });
      } finally {
        inFlight.current = false;
      }
    },
    [client, sessionMode, state.nextId, state.sessionId],
  );

  const sendFeedback = useCallback(
    async (turn: Turn, useful: boolean) => {
      if (turn.status !== 'answered') return;
      dispatch({ type: 'feedback', id: turn.id, feedback: { status: 'sending', useful } });
      try {
        await client.sendFeedback({ requestId: turn.answer.requestId, useful });
        if (mounted.current) dispatch({ type: 'feedback', id: turn.id, feedback: { status: 'sent', useful } });
      } catch (error) {
        if (mounted.current) dispatch({ type: 'feedback', id: turn.id, feedback: { status: 'failed', useful, error: toTurnError(error) } });
      }
    },
    [client],
  );

  const contentWidth = Math.max(200, width - 2 * 12 - 2 * 12 - 2);
  return (
    <PanelStyles width={width} height={height} className="chatbi-ask-panel">
      <header className="panel-header">
        <h2>{t('Ask ChatBI')}</h2>
        <span className="mode">{sessionMode === 'single' ? t('Each question stands alone') : t('Follow-up questions build on earlier ones')}</span>
        <button type="button" aria-expanded={showHistory} disabled={running} onClick={() => setShowHistory((shown) => !shown)}>
          {t('History')}
        </button>
        {sessionMode === 'conversation' && (
          <button type="button" disabled={running || state.turns.length === 0} onClick={() => dispatch({ type: 'restarted', sessionId: newSessionId() })}>
            {t('New conversation')}
          </button>
        )}
      </header>
      {showHistory && (
        <ConversationHistory
          client={client}
          current={state.sessionId}
          onOpen={(conversation) => {
            if (!mounted.current) return;
            dispatch({ type: 'reopened', conversation });
            setShowHistory(false);
          }}
        />
      )}
      <div className="conversation" ref={log} role="log" aria-live="polite" aria-busy={running}>
        {state.turns.length === 0 && (
          <div className="empty">
            <p>{t('Ask about your data in English or Chinese. For example:')}</p>
            <div className="examples">
              {EXAMPLE_QUESTIONS.map((q) => (
                <button key={q} type="button" className="example" onClick={() => void ask(q)}>
                  {q}
                </button>
              ))}
            </div>
          </div>
        )}
        {state.turns.map((turn) => (
          <ConversationTurn
            key={turn.id}
            turn={turn}
            width={contentWidth}
            deltaColors={deltaColors}
            onFeedback={(t, useful) => void sendFeedback(t, useful)}
            onClarify={(question, sessionId) => void ask(question, sessionId)}
            busy={running}
            inSuperset={connection === 'superset'}
            fetchProgress={client.progress}
          />
        ))}
      </div>
      <form
        className="ask"
        onSubmit={(event) => {
          event.preventDefault();
          void ask(draft);
        }}
      >
        <input
          type="text"
          aria-label={t('Question')}
          placeholder={state.turns.length ? t('Ask a follow-up, e.g. "what about the lite app?"') : t('e.g. DAU of the main app over the last 7 days')}
          value={draft}
          maxLength={2000}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="primary" disabled={running || draft.trim() === ''}>
          {running ? t('Asking…') : t('Ask')}
        </button>
      </form>
    </PanelStyles>
  );
}

function toTurnError(error: unknown): TurnError {
  if (error instanceof ChatbiApiError) {
    const candidates = error.candidates;
    return { code: error.code, message: error.message, ...(candidates.length > 0 ? { candidates } : {}) };
  }
  return { code: 'PANEL_ERROR', message: error instanceof Error ? error.message : String(error) };
}

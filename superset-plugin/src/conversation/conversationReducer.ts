import type { AskAnswer, ClarificationCandidate, ConversationDetail } from '../api/answerTypes';
import { clarificationCandidates } from '../api/ChatbiApiError';

export interface TurnError {
  code: string;
  message: string;
  /** NEEDS_CLARIFICATION: the readings to choose from. */
  candidates?: ClarificationCandidate[];
}

export type FeedbackState =
  | { status: 'idle' }
  | { status: 'sending'; useful: boolean }
  | { status: 'sent'; useful: boolean }
  | { status: 'failed'; useful: boolean; error: TurnError };

export type Turn =
  | { id: number; question: string; sessionId: string; status: 'running'; startedAt: number; requestId: string }
  | { id: number; question: string; sessionId: string; status: 'answered'; answer: AskAnswer; feedback: FeedbackState }
  | { id: number; question: string; sessionId: string; status: 'failed'; error: TurnError };

export interface ConversationState {
  /** Sent with every question in conversation mode, so follow-ups merge with what came before. */
  sessionId: string;
  turns: Turn[];
  nextId: number;
}

export type ConversationAction =
  | { type: 'asked'; question: string; sessionId: string; requestId: string; at: number }
  | { type: 'answered'; id: number; answer: AskAnswer }
  | { type: 'failed'; id: number; error: TurnError }
  | { type: 'feedback'; id: number; feedback: FeedbackState }
  | { type: 'restarted'; sessionId: string }
  | { type: 'reopened'; conversation: ConversationDetail };

export function initialConversation(sessionId: string): ConversationState {
  return { sessionId, turns: [], nextId: 1 };
}

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case 'asked':
      return {
        ...state,
        nextId: state.nextId + 1,
        turns: [
          ...state.turns,
          { id: state.nextId, question: action.question, sessionId: action.sessionId, status: 'running', startedAt: action.at, requestId: action.requestId },
        ],
      };
    case 'answered':
      return update(state, action.id, (t) => ({ id: t.id, question: t.question, sessionId: t.sessionId, status: 'answered', answer: action.answer, feedback: { status: 'idle' } }));
    case 'failed':
      return update(state, action.id, (t) => ({ id: t.id, question: t.question, sessionId: t.sessionId, status: 'failed', error: action.error }));
    case 'feedback':
      return update(state, action.id, (t) => (t.status === 'answered' ? { ...t, feedback: action.feedback } : t));
    case 'restarted':
      return initialConversation(action.sessionId);
    case 'reopened': {
      const { sessionId, turns } = action.conversation;
      return {
        sessionId,
        nextId: turns.length + 1,
        turns: turns.map((record, i): Turn => {
          const common = { id: i + 1, question: record.question, sessionId };
          if ('answer' in record) return { ...common, status: 'answered', answer: record.answer, feedback: { status: 'idle' } };
          const candidates = clarificationCandidates(record.error);
          return { ...common, status: 'failed', error: { code: record.error.code, message: record.error.message, ...(candidates.length > 0 ? { candidates } : {}) } };
        }),
      };
    }
  }
}

function update(state: ConversationState, id: number, change: (turn: Turn) => Turn): ConversationState {
  return { ...state, turns: state.turns.map((t) => (t.id === id ? change(t) : t)) };
}

/** A session id ChatBI accepts (letters, digits, _ . : -; at most 100). */
export function newSessionId(random: () => number = Math.random): string {
  return `panel-${randomHex(12, random)}`;
}

/** The panel's own id for one question (same alphabet, 8 to 100 characters), to poll its progress with. */
export function newRequestId(random: () => number = Math.random): string {
  return `panel-q-${randomHex(12, random)}`;
}

function randomHex(length: number, random: () => number): string {
  const bytes = new Uint8Array(length);
  const crypto = typeof globalThis !== 'undefined' ? (globalThis as { crypto?: Crypto }).crypto : undefined;
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(random() * 256);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

import type { Plan } from '@chatbi/contracts';

export interface ConversationTurn {
  requestId: string;
  question: string;
  resolvedQuestion: string;
  /** I(Q) of the paper's Algorithm 1: 1 when the question is complete on its own. */
  complete: boolean;
  view?: string;
  plan?: Plan;
  answeredAt?: string;
}

/** Where conversations live between turns. */
export interface ConversationStore {
  turns(sessionId: string): Promise<ConversationTurn[]>;
  append(sessionId: string, turn: ConversationTurn): Promise<void>;
  /** Records the outcome of a turn that was appended earlier. */
  complete(sessionId: string, requestId: string, update: Pick<ConversationTurn, 'view' | 'plan' | 'answeredAt'>): Promise<void>;
}

export const CONVERSATION_STORE = Symbol('CONVERSATION_STORE');

/** Keeps the most recent sessions in memory, oldest evicted first. */
export class InMemoryConversationStore implements ConversationStore {
  private readonly sessions = new Map<string, ConversationTurn[]>();

  constructor(
    private readonly maxSessions = 10_000,
    private readonly maxTurns = 50,
  ) {}

  async turns(sessionId: string): Promise<ConversationTurn[]> {
    return [...(this.sessions.get(sessionId) ?? [])];
  }

  async append(sessionId: string, turn: ConversationTurn): Promise<void> {
    const turns = this.sessions.get(sessionId) ?? [];
    this.sessions.delete(sessionId);
    turns.push(turn);
    this.sessions.set(sessionId, turns.slice(-this.maxTurns));
    if (this.sessions.size > this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
  }

  async complete(sessionId: string, requestId: string, update: Pick<ConversationTurn, 'view' | 'plan' | 'answeredAt'>): Promise<void> {
    const turn = this.sessions.get(sessionId)?.find((t) => t.requestId === requestId);
    if (turn) Object.assign(turn, update);
  }
}

import type { Plan } from '@chatbi/contracts';

export interface ConversationTurn {
  requestId: string;
  question: string;
  /** What the pipeline was asked to answer, as shown to the user. */
  resolvedQuestion: string;
  /** A follow-up rewritten as one complete question; the next follow-up rewrites this one. */
  rewrittenQuestion?: string;
  /** I(Q) of the paper's Algorithm 1: 1 when the question is complete on its own. */
  complete: boolean;
  view?: string;
  plan?: Plan;
  answeredAt?: string;
}

export type TurnOutcome = Pick<ConversationTurn, 'view' | 'plan' | 'answeredAt'>;

/** Where conversations live between turns. A session belongs to the user who started it. */
export interface ConversationStore {
  /** The user's turns of the session, oldest first: at least those from its latest answered complete turn on, among the last MAX_TURNS_READ. */
  turns(sessionId: string, user: string): Promise<ConversationTurn[]>;
  append(sessionId: string, user: string, turn: ConversationTurn): Promise<void>;
  /** Who started the session; undefined for a session nobody started (or whose turns were pruned). */
  owner(sessionId: string): Promise<string | undefined>;
  /** Records the outcome of a turn that was appended earlier. */
  complete(sessionId: string, requestId: string, update: TurnOutcome): Promise<void>;
}

export const CONVERSATION_STORE = Symbol('CONVERSATION_STORE');

/** How many turns of a session matching looks back over. */
export const MAX_TURNS_READ = 50;

/** Keeps the most recent sessions in memory, oldest evicted first: for tests and the benchmark. */
export class InMemoryConversationStore implements ConversationStore {
  private readonly sessions = new Map<string, ConversationTurn[]>();
  private readonly owners = new Map<string, string>();

  constructor(
    private readonly maxSessions = 10_000,
    private readonly maxTurns = MAX_TURNS_READ,
  ) {}

  async turns(sessionId: string, user: string): Promise<ConversationTurn[]> {
    return this.owners.get(sessionId) === user ? [...(this.sessions.get(sessionId) ?? [])] : [];
  }

  async owner(sessionId: string): Promise<string | undefined> {
    return this.owners.get(sessionId);
  }

  async append(sessionId: string, user: string, turn: ConversationTurn): Promise<void> {
    const owner = this.owners.get(sessionId) ?? user;
    if (owner !== user) return;
    const turns = this.sessions.get(sessionId) ?? [];
    this.sessions.delete(sessionId);
    turns.push(turn);
    this.sessions.set(sessionId, turns.slice(-this.maxTurns));
    this.owners.set(sessionId, owner);
    if (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value!;
      this.sessions.delete(oldest);
      this.owners.delete(oldest);
    }
  }

  async complete(sessionId: string, requestId: string, update: TurnOutcome): Promise<void> {
    const turn = this.sessions.get(sessionId)?.find((t) => t.requestId === requestId);
    if (turn) Object.assign(turn, update);
  }
}

import { ChatbiError } from '@chatbi/contracts';
import type { CascadeJudges, Judges } from './cascade-judges';

/**
 * No LLM configured: semantic operators are refused with a clear error rather than answered by a
 * proxy that has nothing to learn from (an online proxy learns only from oracle labels).
 */
export class OracleUnavailableJudges implements CascadeJudges {
  forTask(): Judges {
    throw new ChatbiError(
      'ORACLE_UNAVAILABLE',
      'Semantic operators (questions about what feedback text says, such as "complained about login") need an LLM oracle: set ANTHROPIC_API_KEY and ask again.',
    );
  }
}

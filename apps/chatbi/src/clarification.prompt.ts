import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import { ChatbiError, clarificationCandidates, type ClarificationCandidate } from '@chatbi/contracts';

/** The readings of a NEEDS_CLARIFICATION error; none for any other error. */
export function candidatesOf(error: unknown): ClarificationCandidate[] {
  return error instanceof ChatbiError && error.code === 'NEEDS_CLARIFICATION' ? clarificationCandidates(error.details) : [];
}

/** "  1. Nanjing (a value of user_activity_daily.city): DAU of the main app in Nanjing ..." per reading. */
export function formatCandidates(candidates: readonly ClarificationCandidate[]): string {
  const lines = candidates.map((c, i) => `  ${i + 1}. ${c.label} (${c.kind === 'value' ? 'a value of' : 'the column'} ${c.view}.${c.column}): ${c.question}`);
  return ['Did you mean:', ...lines].join('\n');
}

/** The reading a line picks: its number (1 to n), or none for anything else. */
export function pickCandidate(candidates: readonly ClarificationCandidate[], line: string): ClarificationCandidate | undefined {
  const n = /^\s*(\d+)\s*$/.exec(line)?.[1];
  return n === undefined ? undefined : candidates[Number(n) - 1];
}

/** Lists the readings and reads a choice from a terminal; Enter (or anything not a number listed) chooses none. */
export async function promptCandidate(candidates: readonly ClarificationCandidate[], input: Readable, output: Writable): Promise<ClarificationCandidate | undefined> {
  output.write(`${formatCandidates(candidates)}\n`);
  const rl = createInterface({ input, output, terminal: false });
  // The input may end (Ctrl-D) without an answer: that chooses none.
  const ended = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  try {
    return pickCandidate(candidates, await Promise.race([rl.question(`Choose 1-${candidates.length} (Enter for none): `), ended]));
  } finally {
    rl.close();
  }
}

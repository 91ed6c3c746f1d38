import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AskAnswer } from '../../src/api/answerTypes';

/** An answer recorded from the real API (see fixtures/README.md). */
export function recordedAnswer(name: 'line' | 'follow-up' | 'bar' | 'grouped-line' | 'number'): AskAnswer {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as AskAnswer;
}

export function recordedError(name: 'follow-up-without-context'): { error: { code: string; message: string } } {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', `${name}.error.json`), 'utf8'));
}

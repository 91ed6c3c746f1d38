import React, { useEffect, useState } from 'react';
import type { AskProgress } from '../api/answerTypes';
import { progressLine } from './semanticText';

export const PROGRESS_POLL_MS = 500;
/** Failed polls in a row after which the panel stops asking (e.g. a proxy that does not forward GET). */
const MAX_FAILED_POLLS = 3;

export interface SemanticProgressPollerProps {
  requestId: string;
  fetchProgress: (requestId: string) => Promise<AskProgress>;
  intervalMs?: number;
}

/**
 * While a question is in flight: asks for its progress every intervalMs (the next poll only after
 * the last one came back) and shows rows seen, rows sent to the LLM and the current thresholds.
 * Stops when the cascade is done or failed, after a few failed polls, and when unmounted (the
 * answer arrived).
 */
export default function SemanticProgressPoller({ requestId, fetchProgress, intervalMs = PROGRESS_POLL_MS }: SemanticProgressPollerProps) {
  const [progress, setProgress] = useState<AskProgress>();
  useEffect(() => {
    let stopped = false;
    let failures = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await fetchProgress(requestId);
        if (stopped) return;
        failures = 0;
        setProgress(next);
        if (next.state === 'done' || next.state === 'failed') return;
      } catch {
        if (stopped || ++failures >= MAX_FAILED_POLLS) return;
      }
      timer = setTimeout(() => void poll(), intervalMs);
    };
    timer = setTimeout(() => void poll(), intervalMs);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [requestId, fetchProgress, intervalMs]);

  const line = progress && progressLine(progress);
  if (!line) return null;
  return (
    <p className="semantic-progress" data-state={progress!.state}>
      {line}
    </p>
  );
}

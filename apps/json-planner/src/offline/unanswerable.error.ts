import { ChatbiError } from '@chatbi/contracts';

/** UNANSWERABLE: a question about causes or the future, said plainly instead of answering something else. */
export function unanswerable(found: { reason: 'cause' | 'future'; phrase: string }): ChatbiError {
  const message =
    found.reason === 'future'
      ? `"${found.phrase}" asks about the future, and the warehouse holds only what has happened. Ask about a past period, e.g. the same period last year.`
      : `"${found.phrase}" asks why, and a query can show what changed but not its cause. Ask for the figures that may explain it, e.g. by app, OS or channel.`;
  return new ChatbiError('UNANSWERABLE', message, { reason: found.reason, phrase: found.phrase });
}

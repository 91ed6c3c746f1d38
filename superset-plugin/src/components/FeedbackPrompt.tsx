import React from 'react';
import type { FeedbackState } from '../conversation/conversationReducer';
import { t } from '../host/translate';

/** "Was this useful?" under an answer; the view advisor counts the replies per view. */
export default function FeedbackPrompt({ feedback, onSend }: { feedback: FeedbackState; onSend: (useful: boolean) => void }) {
  const busy = feedback.status === 'sending';
  const chosen = feedback.status === 'idle' ? undefined : feedback.useful;
  return (
    <div className="feedback">
      <span>{t('Was this useful?')}</span>
      <button type="button" aria-pressed={chosen === true} disabled={busy} onClick={() => onSend(true)}>
        {t('Yes')}
      </button>
      <button type="button" aria-pressed={chosen === false} disabled={busy} onClick={() => onSend(false)}>
        {t('No')}
      </button>
      {feedback.status === 'sending' && <span role="status">{t('Sending…')}</span>}
      {feedback.status === 'sent' && <span role="status">{t('Thanks, noted.')}</span>}
      {feedback.status === 'failed' && (
        <span className="error" role="alert">
          <span className="code">{feedback.error.code}</span>
          {feedback.error.message}
        </span>
      )}
    </div>
  );
}

import React from 'react';
import type { ClarificationCandidate } from '../api/answerTypes';
import { t } from '../host/translate';

/** The readings ChatBI offers for an unsure question; choosing one asks its question. */
export default function ClarificationChoices({ candidates, disabled, onChoose }: { candidates: ClarificationCandidate[]; disabled: boolean; onChoose: (question: string) => void }) {
  return (
    <div className="clarify" role="group" aria-label={t('Did you mean')}>
      <p>{t('Did you mean:')}</p>
      {candidates.map((c) => (
        <button key={`${c.kind}:${c.view}:${c.column}:${c.label}`} type="button" className="choice" data-kind={c.kind} disabled={disabled} title={c.question} onClick={() => onChoose(c.question)}>
          <strong>{c.label}</strong>
          <span className="where">
            {c.kind === 'value' ? t('a value of') : t('the column')} {c.view}.{c.column}
          </span>
        </button>
      ))}
    </div>
  );
}

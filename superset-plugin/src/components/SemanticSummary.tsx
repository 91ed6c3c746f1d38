import React from 'react';
import type { SemanticReport } from '../api/answerTypes';
import { semanticSummary } from './semanticText';

/** Under an answer to a question with semantic operators: who judged how many rows. */
export default function SemanticSummary({ reports }: { reports: SemanticReport[] }) {
  return (
    <ul className="semantic-summary">
      {reports.map((r, i) => (
        <li key={`${i}-${r.instruction}`} data-oracle-calls={r.oracleCalls}>
          <q>{r.instruction}</q>: {semanticSummary(r)}
        </li>
      ))}
    </ul>
  );
}

import React, { useState } from 'react';
import { t } from '../host/translate';

/** The SQL that answered, folded by default, with its bound parameters and a copy button. */
export default function SqlBlock({ sql, params, dialect }: { sql: string; params: unknown[]; dialect: string }) {
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () =>
    navigator.clipboard.writeText(sql).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  return (
    <details className="sql">
      <summary>SQL ({dialect})</summary>
      <pre>
        <code>{sql}</code>
      </pre>
      {params.length > 0 && (
        <p className="params">
          {params.map((p, i) => `$${i + 1} = ${JSON.stringify(p)}`).join('   ')}
        </p>
      )}
      <div className="sql-tools">
        <button type="button" className="copy-sql" onClick={() => void copy()}>
          {copied === 'copied' ? t('Copied') : copied === 'failed' ? t('Copy failed: select the SQL and copy it') : t('Copy SQL')}
        </button>
      </div>
    </details>
  );
}

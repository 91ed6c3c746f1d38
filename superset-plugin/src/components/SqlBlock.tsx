import React, { useState } from 'react';
import { t } from '../host/translate';

/**
 * SQL Lab of the Superset the panel runs in, opened on a new tab holding the SQL (Superset reads
 * ?sql= and ?name=). The parameters go in a comment above it: SQL Lab has no bound values.
 */
export function sqlLabUrl(sql: string, params: unknown[], dialect: string, name: string): string {
  const bound = params.map((p, i) => `-- $${i + 1} = ${JSON.stringify(p)}`);
  const text = [`-- ChatBI (${dialect})${bound.length > 0 ? ': bind the parameters below' : ''}`, ...bound, sql].join('\n');
  return `/sqllab/?name=${encodeURIComponent(name.slice(0, 100))}&sql=${encodeURIComponent(text)}`;
}

/** The SQL that answered, folded by default, with its bound parameters, a copy button and, inside Superset, a way to SQL Lab. */
export default function SqlBlock({ sql, params, dialect, sqlLabName }: { sql: string; params: unknown[]; dialect: string; sqlLabName?: string }) {
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
        {sqlLabName !== undefined && (
          <a className="sql-lab" href={sqlLabUrl(sql, params, dialect, sqlLabName)} target="_blank" rel="noopener noreferrer">
            {t('Open in SQL Lab')}
          </a>
        )}
      </div>
    </details>
  );
}

import React from 'react';

/** The SQL that answered, folded by default, with its bound parameters. */
export default function SqlBlock({ sql, params, dialect }: { sql: string; params: unknown[]; dialect: string }) {
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
    </details>
  );
}

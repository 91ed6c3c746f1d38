import { ChatbiError } from '@chatbi/contracts';

const READ_KEYWORDS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

/**
 * A cheap first line of defence before a statement reaches a server-side read-only transaction:
 * exactly one statement, starting with SELECT, WITH, VALUES or TABLE (or a parenthesis), and no
 * INTO (which a read-only transaction does not stop from writing a file on MySQL). Quotes,
 * backticks and comments are skipped so that a ; inside them does not count (MySQL strings
 * escape with \, PostgreSQL's do not).
 */
export function assertSingleReadStatement(sql: string, dialect: { backslashEscapes: boolean }): void {
  if (typeof sql !== 'string' || sql.trim() === '') throw new ChatbiError('QUERY_FAILED', 'the SQL statement is empty');
  const { firstWord, statements, writesInto } = scan(sql, dialect.backslashEscapes);
  if (statements > 1) {
    throw new ChatbiError('QUERY_FAILED', 'the warehouse runs one statement at a time: multiple statements are refused');
  }
  if (writesInto) {
    throw new ChatbiError('QUERY_FAILED', 'the warehouse is read-only: SELECT ... INTO (a table, a file or a variable) is refused');
  }
  if (firstWord !== '(' && !READ_KEYWORDS.has(firstWord)) {
    throw new ChatbiError('QUERY_FAILED', `the warehouse is read-only: ${firstWord || 'this kind of'} statements are refused, only SELECT can run`);
  }
}

function scan(sql: string, backslashEscapes: boolean): { firstWord: string; statements: number; writesInto: boolean } {
  let firstWord = '';
  let writesInto = false;
  let statements = 0;
  let inStatement = false;
  let i = 0;
  const n = sql.length;
  const startWord = (at: number) => {
    if (!inStatement) {
      inStatement = true;
      statements++;
      if (statements === 1) {
        const m = /^[A-Za-z_]+|^\(/.exec(sql.slice(at));
        firstWord = m ? m[0].toUpperCase() : sql[at];
      }
    }
  };
  while (i < n) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      startWord(i);
      i++;
      while (i < n) {
        if (sql[i] === '\\' && backslashEscapes && c !== '`') i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === ';') {
      inStatement = false;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      startWord(i);
      const word = /^[A-Za-z0-9_$]+/.exec(sql.slice(i, i + 64))![0];
      // SELECT ... INTO creates a table (PostgreSQL), writes a file or sets variables (MySQL).
      if (word.toUpperCase() === 'INTO') writesInto = true;
      i += word.length;
    } else {
      startWord(i);
      i++;
    }
  }
  return { firstWord, statements, writesInto };
}

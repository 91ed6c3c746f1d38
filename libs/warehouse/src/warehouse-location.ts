import { basename, extname } from 'node:path';
import { ChatbiError, type SqlDialect } from '@chatbi/contracts';
import { describeServer } from './server-description';

/** Where a warehouse is and which engine (and so which SQL dialect) it speaks. */
export interface WarehouseLocation {
  dialect: SqlDialect;
  /** The file for DuckDB and SQLite, the connection URL for PostgreSQL and MySQL/MariaDB. */
  target: string;
  /** Safe to print: the file, or the URL without its password. */
  description: string;
  /** The database's name: the file's name without its extension, or the database the URL names. */
  database: string;
}

export const WAREHOUSE_URL_FORMS = [
  'duckdb:///absolute/path/file.duckdb (duckdb://relative/path/file.duckdb)',
  'sqlite:///absolute/path/file.sqlite',
  'postgres://user:password@host:5432/database (or postgresql://)',
  'mysql://user:password@host:3306/database (MySQL or MariaDB; mariadb:// too)',
];

const FILE_SCHEMES: Record<string, SqlDialect> = { duckdb: 'duckdb', sqlite: 'sqlite', sqlite3: 'sqlite' };
const SERVER_SCHEMES: Record<string, SqlDialect> = { postgres: 'postgres', postgresql: 'postgres', mysql: 'mysql', mariadb: 'mysql' };

/**
 * Reads a warehouse URL: duckdb:// and sqlite:// name a file (everything after the two slashes,
 * so three slashes make an absolute path), postgres:// and mysql:// a server. The dialect follows
 * from the scheme alone, so every service that reads the same URL speaks the same SQL.
 */
export function parseWarehouseUrl(url: string): WarehouseLocation {
  const trimmed = typeof url === 'string' ? url.trim() : '';
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (!scheme || (!FILE_SCHEMES[scheme] && !SERVER_SCHEMES[scheme])) {
    const hint = scheme ? `the scheme ${scheme}:// is not one ChatBI opens` : 'it has no scheme';
    throw invalid(`${JSON.stringify(describeUrl(trimmed))} is not a warehouse URL (${hint}); use one of: ${WAREHOUSE_URL_FORMS.join('; ')}`);
  }
  const rest = trimmed.slice(scheme.length + 1);
  if (FILE_SCHEMES[scheme]) {
    if (!rest.startsWith('//') || rest.length === 2) {
      throw invalid(`${trimmed} names no file: write ${scheme}:///absolute/path/to/file or ${scheme}://relative/path/to/file`);
    }
    const file = safeDecode(rest.slice(2).replace(/[?#].*$/, ''));
    return { dialect: FILE_SCHEMES[scheme], target: file, description: `${scheme} file ${file}`, database: fileStem(file) };
  }
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw invalid(`${describeUrl(trimmed)} is not a valid URL; write it as ${scheme === 'mysql' || scheme === 'mariadb' ? WAREHOUSE_URL_FORMS[3] : WAREHOUSE_URL_FORMS[2]} (percent-encode special characters of the password)`);
  }
  const dialect = SERVER_SCHEMES[scheme];
  const database = safeDecode(parsed.pathname.replace(/^\//, ''));
  if (dialect === 'mysql') {
    if (database === '') {
      throw invalid(`${describeServer(trimmed)} names no database: write ${scheme}://user:password@host:3306/<database> (ChatBI reads one database)`);
    }
    // mysql2 reads mysql:// URLs; MariaDB speaks the same protocol.
    const target = `mysql:${trimmed.slice(scheme.length + 1)}`;
    return { dialect, target, description: describeServer(trimmed), database };
  }
  // PostgreSQL connects to the database named after the user when the URL names none.
  return { dialect, target: trimmed, description: describeServer(trimmed), database: database || safeDecode(parsed.username) || 'postgres' };
}

/** A file given without a URL (CHATBI_WAREHOUSE_FILE): .sqlite, .sqlite3 and .db are SQLite, anything else DuckDB. */
export function warehouseLocationOfFile(file: string): WarehouseLocation {
  const dialect: SqlDialect = /\.(sqlite3?|db)$/i.test(file) ? 'sqlite' : 'duckdb';
  return { dialect, target: file, description: `${dialect} file ${file}`, database: fileStem(file) };
}

/** A URL, or a path to a DuckDB or SQLite file (what `chatbi connect` accepts). */
export function warehouseLocationOf(urlOrFile: string): WarehouseLocation {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(urlOrFile.trim()) ? parseWarehouseUrl(urlOrFile) : warehouseLocationOfFile(urlOrFile);
}

function fileStem(file: string): string {
  const name = basename(file);
  return name.slice(0, name.length - extname(name).length) || name;
}

function invalid(message: string): ChatbiError {
  return new ChatbiError('INVALID_REQUEST', message);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Never echoes a password, even from a URL too broken to parse. */
function describeUrl(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
}

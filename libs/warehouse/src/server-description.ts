/** A connection URL as it may appear in errors and logs: postgres://user:secret@host/db -> postgres://user@host/db */
export function describeServer(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'at the configured address';
  }
}

/**
 * Whether a write failed because the disk is full: SQLite's SQLITE_FULL, PostgreSQL's disk_full
 * (53100), or the filesystem's ENOSPC, whether raw or wrapped by TypeORM.
 */
export function isStorageFull(error: unknown): boolean {
  for (let e = error as { code?: unknown; driverError?: unknown } | undefined; e; e = e.driverError as typeof e) {
    if (e.code === 'SQLITE_FULL' || e.code === '53100' || e.code === 'ENOSPC') return true;
  }
  return false;
}

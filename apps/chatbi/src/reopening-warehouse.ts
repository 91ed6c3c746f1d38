import { statSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { SqlDialect } from '@chatbi/contracts';
import type { QueryOptions, QueryResult, RelationInfo, Warehouse } from '@chatbi/warehouse';

/**
 * A warehouse that may be down: the app starts and keeps serving without it, each query tries to
 * open it, and a query that finds it gone drops the handle so the next one tries again. A file
 * warehouse replaced by another (a rename over it: a new inode) is reopened on the next query;
 * the old handle would go on reading the replaced file.
 */
export class ReopeningWarehouse implements Warehouse {
  private readonly logger = new Logger(ReopeningWarehouse.name);
  private current?: Promise<Warehouse>;
  private openedFile?: string;

  constructor(
    readonly dialect: SqlDialect,
    private readonly open: () => Promise<Warehouse>,
    /** For a file warehouse: the file, whose identity is checked before each query. */
    private readonly file?: string,
  ) {}

  async query(sql: string, params: unknown[], options: QueryOptions): Promise<QueryResult> {
    return this.use((w) => w.query(sql, params, options));
  }

  async *stream(sql: string, params: unknown[], options: QueryOptions): AsyncIterable<Record<string, unknown>> {
    const warehouse = await this.handle();
    yield* warehouse.stream(sql, params, options);
  }

  relations(): Promise<RelationInfo[]> {
    return this.use((w) => w.relations());
  }

  distinctValues(relation: string, column: string, limit: number): Promise<{ values: unknown[]; more: boolean }> {
    return this.use((w) => w.distinctValues(relation, column, limit));
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    if (current) await (await current.catch(() => undefined))?.close();
  }

  private async handle(): Promise<Warehouse> {
    const identity = this.file ? fileIdentity(this.file) : undefined;
    if (this.current && identity !== this.openedFile) {
      this.logger.log(`warehouse file ${this.file} was replaced: reopening it`);
      await this.close();
    }
    if (!this.current) {
      this.openedFile = identity;
      this.current = this.open();
      this.current.catch((error: unknown) => {
        this.logger.warn(`warehouse unavailable: ${error instanceof Error ? error.message : String(error)}`);
        this.current = undefined;
      });
    }
    return this.current;
  }

  private async use<T>(work: (w: Warehouse) => Promise<T>): Promise<T> {
    const warehouse = await this.handle();
    try {
      return await work(warehouse);
    } catch (error) {
      if ((error as { code?: string }).code === 'WAREHOUSE_UNAVAILABLE') await this.close();
      throw error;
    }
  }
}

/** Device and inode: what changes when a file is replaced by a rename, and not when it is read. */
function fileIdentity(file: string): string | undefined {
  try {
    const s = statSync(file);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

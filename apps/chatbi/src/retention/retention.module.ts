import { Inject, Logger, Module, type DynamicModule, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetadataRetention, describePurge, type RetentionPolicy } from './metadata-retention.service';

const RETENTION_POLICY = Symbol('RETENTION_POLICY');
const PURGE_EVERY_MS = 60 * 60_000;

/** Purges the metadata database to its retention at start, then hourly. */
@Module({})
export class RetentionModule implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RetentionModule.name);
  private readonly retention: MetadataRetention;
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(dataSource: DataSource, @Inject(RETENTION_POLICY) policy: RetentionPolicy) {
    this.retention = new MetadataRetention(dataSource, policy);
  }

  static forRoot(policy: RetentionPolicy): DynamicModule {
    return { module: RetentionModule, providers: [{ provide: RETENTION_POLICY, useValue: policy }] };
  }

  onModuleInit(): void {
    const purge = () =>
      (this.running = this.retention.purge().then(
        (counts) => Object.values(counts).some((n) => n > 0) && this.logger.log(`purged past their retention: ${describePurge(counts)}`),
        (error: Error) => this.logger.warn(`retention purge failed (retried in an hour): ${error.message}`),
      ));
    purge();
    this.timer = setInterval(purge, PURGE_EVERY_MS);
    this.timer.unref();
  }

  /** Lets a purge under way finish before the database closes. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

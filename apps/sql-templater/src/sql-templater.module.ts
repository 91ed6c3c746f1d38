import { DynamicModule, Module } from '@nestjs/common';
import { SqlTemplaterController } from './sql-templater.controller';
import { SQL_TEMPLATER_OPTIONS, SqlTemplaterService, type SqlTemplaterOptions } from './sql-templater.service';

@Module({})
export class SqlTemplaterModule {
  static register(options: SqlTemplaterOptions): DynamicModule {
    return {
      module: SqlTemplaterModule,
      controllers: [SqlTemplaterController],
      providers: [{ provide: SQL_TEMPLATER_OPTIONS, useValue: options }, SqlTemplaterService],
      exports: [SqlTemplaterService],
    };
  }
}

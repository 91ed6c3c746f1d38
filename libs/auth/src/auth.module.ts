import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccessControl } from './access-control.service';
import { ApiAuthGuard } from './api-auth.guard';
import { ApiTokenEntity } from './api-token/api-token.entity';
import { ApiTokenStore } from './api-token/api-token.store';
import { AUTH_OPTIONS, type AuthOptions } from './auth.options';
import { JwtVerifier } from './jwt/jwt.verifier';
import { CreateApiToken1730000000900 } from './migrations/1730000000900-create-api-token.migration';
import { TRUSTED_PROXY_OPTIONS, TrustedUserVerifier } from './trusted-user-verifier.service';

/** The auth tables and their PostgreSQL migrations, for the metadata DataSource. */
export const AUTH_ENTITIES = [ApiTokenEntity];
export const AUTH_MIGRATIONS = [CreateApiToken1730000000900];

/**
 * Authentication and authorization for the whole app, registered once at its root: the guard on
 * every HTTP route (APP_GUARD), and AccessControl for the gRPC and Kafka APIs.
 */
@Module({})
export class AuthModule {
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        { provide: TRUSTED_PROXY_OPTIONS, useValue: { secret: options.trustedProxySecret } },
        TrustedUserVerifier,
        { provide: ApiTokenStore, useFactory: (dataSource: DataSource) => new ApiTokenStore(dataSource), inject: [DataSource] },
        ...(options.jwt ? [{ provide: JwtVerifier, useValue: new JwtVerifier(options.jwt) }] : []),
        AccessControl,
        { provide: APP_GUARD, useClass: ApiAuthGuard },
      ],
      exports: [AccessControl, ApiTokenStore, AUTH_OPTIONS],
    };
  }
}

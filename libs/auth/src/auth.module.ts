import { DynamicModule, Module } from '@nestjs/common';
import { TrustedProxyGuard } from './trusted-proxy.guard';
import { TRUSTED_PROXY_OPTIONS, TrustedUserVerifier, type TrustedProxyOptions } from './trusted-user-verifier.service';

/** Who is asking: the user a trusted proxy signed. Import it where a controller uses TrustedProxyGuard. */
@Module({})
export class AuthModule {
  static register(options: TrustedProxyOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [{ provide: TRUSTED_PROXY_OPTIONS, useValue: options }, TrustedUserVerifier, TrustedProxyGuard],
      exports: [TrustedUserVerifier, TrustedProxyGuard],
    };
  }
}

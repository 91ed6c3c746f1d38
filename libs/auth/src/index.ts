export * from './auth.module';
export * from './trusted-proxy.guard';
export * from './trusted-user-verifier.service';
export * from './trusted-user.decorator';
export * from './trusted-user.schema';
export * from './trusted-user.signer';

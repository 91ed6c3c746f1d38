import { Controller, Get, UseGuards, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ChatbiError } from '@chatbi/contracts';
import { AuthModule } from './auth.module';
import { TrustedProxyGuard } from './trusted-proxy.guard';
import type { TrustedUser } from './trusted-user.schema';
import { SignedUser } from './trusted-user.decorator';
import { signTrustedUser } from './trusted-user.signer';

const SECRET = 'a-shared-secret-of-at-least-32-characters';

@Controller('who')
@UseGuards(TrustedProxyGuard)
class WhoController {
  @Get()
  who(@SignedUser() user: TrustedUser | undefined) {
    return { user: user?.sub ?? null };
  }
}

/** The guard over HTTP, as the ask and catalog controllers use it; refusals go through the error's status. */
async function appWith(secret: string | undefined): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AuthModule.register({ secret })], controllers: [WhoController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters({ catch: (error: ChatbiError, host) => host.switchToHttp().getResponse().status(error.httpStatus).json({ error: error.toBody() }) });
  return app.init();
}

const signed = (user: Partial<TrustedUser> = {}) => signTrustedUser({ sub: 'alice', roles: ['Gamma'], iat: Math.floor(Date.now() / 1000), ...user }, SECRET);

describe('TrustedProxyGuard', () => {
  describe('with a secret', () => {
    let app: INestApplication;
    beforeAll(async () => (app = await appWith(SECRET)));
    afterAll(() => app.close());

    it('hands the signed user to the handler', async () => {
      await request(app.getHttpServer()).get('/who').set(signed()).expect(200, { user: 'alice' });
    });

    it('lets a request without the headers through, with no user', async () => {
      await request(app.getHttpServer()).get('/who').expect(200, { user: null });
    });

    it('refuses with 401 and the code of the failed check', async () => {
      const headers = signed();
      const tampered = await request(app.getHttpServer()).get('/who').set({ ...headers, 'x-chatbi-user': signed({ sub: 'root' })['x-chatbi-user'] });
      expect([tampered.status, tampered.body.error.code]).toEqual([401, 'TRUSTED_USER_BAD_SIGNATURE']);
      const unsigned = await request(app.getHttpServer()).get('/who').set({ 'x-chatbi-user': headers['x-chatbi-user'] });
      expect([unsigned.status, unsigned.body.error.code]).toEqual([401, 'TRUSTED_USER_BAD_SIGNATURE']);
      const stale = await request(app.getHttpServer()).get('/who').set(signed({ iat: Math.floor(Date.now() / 1000) - 600 }));
      expect([stale.status, stale.body.error.code]).toEqual([401, 'TRUSTED_USER_EXPIRED']);
    });
  });

  it('ignores the headers without a secret, as before', async () => {
    const app = await appWith(undefined);
    try {
      await request(app.getHttpServer()).get('/who').set(signed()).expect(200, { user: null });
      await request(app.getHttpServer()).get('/who').set({ 'x-chatbi-user': 'garbage!' }).expect(200, { user: null });
    } finally {
      await app.close();
    }
  });
});

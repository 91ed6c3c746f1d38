import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditLog } from '@chatbi/audit';
import { ApiTokenStore } from '@chatbi/auth';
import { metadataDataSourceOptions } from '../metadata-options';
import { auditCommand, purgeCommand, tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './access.commands';

/** The CLI against a real SQLite metadata database in a fresh CHATBI_DATA_DIR, as `chatbi token`, `chatbi audit` and `chatbi purge` run it. */
describe('chatbi token, chatbi audit and chatbi purge', () => {
  let dataDir: string;
  let printed: string[];
  const previous = process.env.CHATBI_DATA_DIR;
  const previousRetention = process.env.CHATBI_AUDIT_RETENTION_DAYS;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'chatbi-token-cli-'));
    process.env.CHATBI_DATA_DIR = dataDir;
    printed = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    if (previous === undefined) delete process.env.CHATBI_DATA_DIR;
    else process.env.CHATBI_DATA_DIR = previous;
    if (previousRetention === undefined) delete process.env.CHATBI_AUDIT_RETENTION_DAYS;
    else process.env.CHATBI_AUDIT_RETENTION_DAYS = previousRetention;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function withMetadata<T>(work: (ds: DataSource) => Promise<T>): Promise<T> {
    const ds = new DataSource(metadataDataSourceOptions({ CHATBI_DATA_DIR: dataDir }));
    await ds.initialize();
    try {
      return await work(ds);
    } finally {
      await ds.destroy();
    }
  }

  const verify = (token: string) => withMetadata((ds) => new ApiTokenStore(ds).verify(token));

  it('creates a token the app accepts, lists it without its secret, revokes it, and audits both', async () => {
    await tokenCreateCommand({ user: 'bob', scopes: 'ask,advisor:read', roles: 'ios-team', attributes: '{"os":"ios"}' });
    const token = printed.join('').trim().split('\n').pop()!;
    expect(await verify(token)).toMatchObject({ user: 'bob', scopes: ['ask', 'advisor:read'], roles: ['ios-team'], attributes: { os: 'ios' } });
    const id = /Created token (\S+)/.exec(printed.join(''))![1];

    printed.length = 0;
    await tokenListCommand();
    expect(printed.join('')).toMatch(new RegExp(`${id}.*bob.*ask,advisor:read.*ios-team.*active`));
    expect(printed.join('')).not.toContain(token.slice(-20));

    await tokenRevokeCommand(id);
    await expect(verify(token)).rejects.toMatchObject({ code: 'AUTH_INVALID' });
    await expect(tokenRevokeCommand(id)).rejects.toThrow(/no active token/);

    printed.length = 0;
    await auditCommand({ kind: 'token', limit: '10' });
    const audit = printed.join('');
    expect(audit).toMatch(/token.*cli.*revoked/);
    expect(audit).toMatch(/token.*bob.*cli.*created/);
  });

  it('refuses unknown scopes and malformed attributes, creating nothing', async () => {
    await expect(tokenCreateCommand({ user: 'eve', scopes: 'ask,root' })).rejects.toThrow(/unknown scope root/);
    await expect(tokenCreateCommand({ user: 'eve', scopes: 'ask', attributes: '{region' })).rejects.toThrow(/--attributes takes JSON/);
    await tokenListCommand();
    expect(printed.join('')).toMatch(/No API tokens/);
  });

  it('purges by the configured retention, and only what is older', async () => {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await withMetadata(async (ds) => {
      for (const days of [8, 6]) await new AuditLog(ds).record({ kind: 'ask', user: `${days}-days`, via: 'token', outcome: 'answered', at: daysAgo(days) });
    });
    process.env.CHATBI_AUDIT_RETENTION_DAYS = '7';
    await purgeCommand();
    expect(printed.join('')).toMatch(/Deleted 1 audit events, 0 conversation turns, 0 logged questions/);
    printed.length = 0;
    await auditCommand({ limit: '10' });
    expect(printed.join('')).toMatch(/6-days/);
    expect(printed.join('')).not.toMatch(/8-days/);
  });
});

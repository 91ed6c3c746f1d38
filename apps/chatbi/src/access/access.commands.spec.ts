import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ApiTokenStore } from '@chatbi/auth';
import { metadataDataSourceOptions } from '../metadata-options';
import { auditCommand, tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './access.commands';

/** The CLI against a real SQLite metadata database in a fresh CHATBI_DATA_DIR, as `chatbi token` and `chatbi audit` run it. */
describe('chatbi token and chatbi audit', () => {
  let dataDir: string;
  let printed: string[];
  const previous = process.env.CHATBI_DATA_DIR;

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
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function verify(token: string) {
    const ds = new DataSource(metadataDataSourceOptions({ CHATBI_DATA_DIR: dataDir }));
    await ds.initialize();
    try {
      return await new ApiTokenStore(ds).verify(token);
    } finally {
      await ds.destroy();
    }
  }

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
});

import { findPostgresBinaries, startPostgresTestServer } from './postgres-test-server';

describe('startPostgresTestServer', () => {
  it('fails, naming the package to install, when there are no server binaries', async () => {
    const root = '/nonexistent/postgresql';
    expect(findPostgresBinaries(root)).toBeUndefined();
    await expect(startPostgresTestServer({ binRoot: root })).rejects.toThrow(/Install the `postgresql` package/);
  });
});

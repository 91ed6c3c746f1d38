import { findMariaDbBinaries, startMariaDbTestServer } from './mariadb-test-server';

describe('startMariaDbTestServer', () => {
  it('fails, naming the package to install, when there are no server binaries', async () => {
    const paths = ['/nonexistent/bin'];
    expect(findMariaDbBinaries(paths)).toBeUndefined();
    await expect(startMariaDbTestServer({ binPaths: paths })).rejects.toThrow(/Install the `mariadb-server` package/);
  });
});

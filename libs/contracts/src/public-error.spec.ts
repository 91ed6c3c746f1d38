import { ChatbiError } from './error-codes';
import { publicError } from './public-error';

/** Security review, finding 7: 502/503 bodies carried file paths and the engine's text to anonymous callers. */
describe('publicError', () => {
  const engineText = 'IO Error: Cannot open file "/srv/chatbi/data/demo-small.duckdb": Permission denied (host db-7.internal)';

  it.each(['QUERY_FAILED', 'WAREHOUSE_UNAVAILABLE', 'METADATA_UNAVAILABLE', 'INTERNAL'] as const)('tells of a %s without the engine text, with the request id', (code) => {
    const shown = publicError(new ChatbiError(code, engineText), 'req-123456');
    expect(shown.code).toBe(code);
    expect(shown.message).toContain('req-123456');
    expect(shown.message).not.toMatch(/srv|duckdb|IO Error|internal\)/);
  });

  it('keeps the caller\'s own mistakes as they are: they name only what the caller sent', () => {
    const mistake = new ChatbiError('INVALID_REQUEST', 'question must be a string');
    expect(publicError(mistake, 'req-1')).toBe(mistake);
  });
});

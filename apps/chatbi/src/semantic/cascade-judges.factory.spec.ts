import { MessagesApiStandIn, rowsOf } from '../../../../libs/cascades/src/testing/messages-api.stand-in';
import { loadConfig } from '../config/chatbi.config';
import { cascadeJudgesFor, claudeOracleOptionsOf } from './cascade-judges.factory';

describe('cascadeJudgesFor', () => {
  let api: MessagesApiStandIn;
  beforeAll(async () => {
    api = await MessagesApiStandIn.start((request) => ({ toolInput: { verdicts: rowsOf(request).map((r) => ({ row: r.row, verdict: r.text.includes('login') })) } }), 'k-factory');
  });
  afterAll(() => api.stop());

  it('has no judges without an Anthropic key (semantic operators are then refused)', () => {
    expect(cascadeJudgesFor(loadConfig({}))).toBeUndefined();
  });

  it('passes the validated oracle settings to ClaudeOracle', () => {
    const config = loadConfig({
      ANTHROPIC_API_KEY: 'k',
      CHATBI_SEMANTIC_ORACLE_MODEL: 'claude-x',
      CHATBI_SEMANTIC_ORACLE_TIMEOUT_MS: '1234',
      CHATBI_SEMANTIC_ORACLE_BATCH_ROWS: '7',
      CHATBI_SEMANTIC_ORACLE_MAX_TEXT_CHARS: '500',
    });
    expect(claudeOracleOptionsOf({ ...config, ANTHROPIC_API_KEY: 'k' })).toEqual({ apiKey: 'k', model: 'claude-x', timeoutMs: 1234, batchRows: 7, maxTextChars: 500 });
    expect(() => loadConfig({ CHATBI_SEMANTIC_ORACLE_BATCH_ROWS: '0' })).toThrow(/CHATBI_SEMANTIC_ORACLE_BATCH_ROWS/);
  });

  it('builds a Claude oracle that batches and cuts rows as configured, and an online proxy per partition', async () => {
    const config = loadConfig({
      ANTHROPIC_API_KEY: 'k-factory',
      CHATBI_ANTHROPIC_BASE_URL: api.baseURL,
      CHATBI_SEMANTIC_ORACLE_MODEL: 'claude-x',
      CHATBI_SEMANTIC_ORACLE_BATCH_ROWS: '2',
      CHATBI_SEMANTIC_ORACLE_MAX_TEXT_CHARS: '100',
    });
    const judges = cascadeJudgesFor(config)!.forTask({ kind: 'filter', instruction: 'complains about login' });
    expect(judges.proxy(0).name).toBe('online-logistic');
    expect(judges.proxy(1)).not.toBe(judges.proxy(0));
    const rows = [
      { id: 'a', text: 'cannot login' },
      { id: 'b', text: `fine ${'x'.repeat(300)}` },
      { id: 'c', text: 'login again' },
    ];
    const answers = await judges.oracle.judge({ kind: 'filter', instruction: 'complains about login' }, rows);
    expect(answers.map((a) => a.verdict)).toEqual([true, false, true]);
    expect(judges.oracle.name).toBe('claude');
    expect(api.requests.map((r) => r.body.model)).toEqual(['claude-x', 'claude-x']);
    expect(api.requests.map((r) => rowsOf(r).length)).toEqual([2, 1]);
    expect(rowsOf(api.requests[0])[1].text).toHaveLength(100);
  });
});

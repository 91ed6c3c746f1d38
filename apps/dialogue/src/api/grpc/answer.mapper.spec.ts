import { AccessControl, TrustedUserVerifier } from '@chatbi/auth';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ChatbiError, chatbiProtoPath, type AskResponse, type ClarificationCandidate, type SemanticOperatorReport } from '@chatbi/contracts';
import type { AskService } from '../../ask.service';
import { AnswerMetrics } from '../../metrics/answer.metrics';
import { ChatbiGrpcServer } from './chatbi-grpc.server';

const report: SemanticOperatorReport = {
  op: 'ai_filter',
  column: 'feedback_text',
  instruction: 'complains about login',
  algorithm: 'gamcal',
  settings: { alpha: 0.05 },
  proxy: 'online-logistic',
  oracle: 'claude',
  partitions: 2,
  rowsIn: 412,
  rowsOut: 37,
  proxyDecided: 351,
  oracleDecided: 58,
  undecided: 3,
  undecidedReasons: { 'oracle timed out': 2, 'text is empty': 1 },
  oracleCalls: 60,
  oracleTokens: 1800.5,
  thresholds: [
    { partition: 0, low: 0.12, high: 0.91 },
    { partition: 1, low: 0.2, high: 0.88 },
  ],
  elapsedMs: 1520,
};

function answer(semantic?: SemanticOperatorReport[]): AskResponse {
  return {
    requestId: 'r-1',
    sessionId: 's-1',
    question: 'how many feedback messages last week complained about login?',
    resolvedQuestion: 'how many feedback messages last week complained about login?',
    view: 'user_feedback',
    plan: { view: 'user_feedback', metrics: [{ column: 'feedback_cnt' }], dimensions: [], filters: [] } as never,
    sql: 'SELECT 1',
    sqlParams: [],
    dialect: 'duckdb',
    columns: [{ name: 'feedback_cnt', type: 'BIGINT', role: 'metric' }],
    rows: [{ feedback_cnt: 37 }],
    truncated: false,
    chart: { kind: 'table', series: ['feedback_cnt'] },
    timings: { total: 10 },
    tokens: null,
    warnings: [],
    planner: { planner: 'offline', unusedWords: [], guesses: [], tokens: null } as never,
    ...(semantic ? { semantic } : {}),
  };
}

/** A ChatBI with no credentials configured: every caller asks. */
function openAccess(): AccessControl {
  return new AccessControl({ mode: 'auto', allowedHosts: ['localhost'], corsOrigins: [], rateLimitPerMinute: 0 }, new TrustedUserVerifier({}));
}

/** The gRPC server with a canned AskService, called by a client built from the same proto: what other product lines receive. */
describe('gRPC answers carry the semantic report', () => {
  let server: ChatbiGrpcServer;
  let client: grpc.Client & Record<string, any>;
  let next: AskResponse | ChatbiError;

  beforeAll(async () => {
    const asks = {
      ask: async () => {
        if (next instanceof ChatbiError) throw next;
        return next;
      },
    };
    server = new ChatbiGrpcServer(asks as unknown as AskService, openAccess(), new AnswerMetrics());
    const port = await server.listen('127.0.0.1', 0);
    const definition = protoLoader.loadSync(chatbiProtoPath(), { keepCase: false, longs: Number, defaults: true, oneofs: true });
    const proto = grpc.loadPackageDefinition(definition) as any;
    client = new proto.chatbi.v1.ChatBI(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  });
  afterAll(async () => {
    client.close();
    await server.shutdown(1_000);
  });

  const ask = () => new Promise<any>((resolve, reject) => client.Ask({ question: 'q' }, (error: Error | null, a: any) => (error ? reject(error) : resolve(a))));

  it('sends each operator with its oracle calls, undecided reasons and thresholds', async () => {
    next = answer([report]);
    const received = await ask();
    expect(received.semantic).toEqual([{ ...report, labelCounts: {} }]);
    expect(received.semantic[0].oracleCalls).toBe(60);
  });

  it('sends the label counts of a classification', async () => {
    next = answer([{ ...report, op: 'ai_classify', labelCounts: { login: 20, ads: 17 } }]);
    expect((await ask()).semantic[0].labelCounts).toEqual({ login: 20, ads: 17 });
  });

  it('sends an empty list for a plan without semantic operators', async () => {
    next = answer();
    const received = await ask();
    expect(received.semantic).toEqual([]);
    expect(received.view).toBe('user_feedback');
  });

  describe('a question that needs clarification', () => {
    const candidates: ClarificationCandidate[] = [
      { kind: 'value', label: '拉萨', column: 'city', view: 'user_activity_daily', question: 'DAU in 拉萨' },
      { kind: 'column', label: 'channel', column: 'channel', view: 'user_activity_daily', question: 'DAU by channel' },
    ];
    const clarification = () => new ChatbiError('NEEDS_CLARIFICATION', 'I could not place "lasa".', { words: ['lasa'], candidates });

    it('Ask ends with the code and the details, candidates included, in trailing metadata', async () => {
      next = clarification();
      const error = await ask().then(
        () => undefined,
        (e: grpc.ServiceError) => e,
      );
      expect(error?.metadata.get('chatbi-error-code')).toEqual(['NEEDS_CLARIFICATION']);
      const [details] = error!.metadata.get('chatbi-error-details-bin') as Buffer[];
      expect(JSON.parse(details.toString('utf8'))).toEqual({ words: ['lasa'], candidates });
    });

    it('Chat replies with an error whose candidates field holds each reading', async () => {
      next = clarification();
      const stream = client.Chat();
      const replies: any[] = [];
      const done = new Promise<void>((resolve, reject) => {
        stream.on('data', (reply: any) => replies.push(reply));
        stream.on('end', resolve);
        stream.on('error', reject);
      });
      stream.write({ question: 'DAU in lasa' });
      stream.end();
      await done;
      expect(replies).toHaveLength(1);
      expect(replies[0].error.code).toBe('NEEDS_CLARIFICATION');
      expect(replies[0].error.candidates).toEqual(candidates);
    });
  });
});

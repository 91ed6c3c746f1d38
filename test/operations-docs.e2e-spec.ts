import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { ERROR_CODES, MAX_QUESTION_LENGTH, TOPICS, askRequestSchema, kafkaAskRequestSchema } from '@chatbi/contracts';
import { chatbiConfigSchema } from '../apps/chatbi/src/config/chatbi.config';
import { distributedConfigSchema } from '../apps/chatbi/src/distributed/distributed.config';
import { TABLE_END, TABLE_START, environmentTable } from '../scripts/docs/environment-reference';

const ROOT = join(__dirname, '..');
const OPERATIONS = join(ROOT, 'docs', 'operations.md');
const ASYNCAPI = join(ROOT, 'libs', 'contracts', 'proto', 'chatbi-kafka-api.asyncapi.yaml');

/** A zod string field's regex, e.g. requestId's. */
function patternOf(schema: unknown): string {
  const checks = (schema as { _zod: { def: { checks?: { _zod: { def: { pattern?: RegExp } } }[] } } })._zod.def.checks ?? [];
  const pattern = checks.map((c) => c._zod.def.pattern).find(Boolean);
  if (!pattern) throw new Error('no pattern');
  return pattern.source;
}

/** docs/operations.md and the Kafka API's AsyncAPI document, checked against the code they describe. */
describe('operations documentation', () => {
  const runbook = readFileSync(OPERATIONS, 'utf8');

  it('holds the environment table the config schemas generate now (npm run docs:env rewrites it)', () => {
    const between = runbook.slice(runbook.indexOf(TABLE_START) + TABLE_START.length, runbook.indexOf(TABLE_END)).trim();
    expect(between).toBe(environmentTable());
  });

  it('lists every variable of both schemas, each with what it does', () => {
    const rows = environmentTable().split('\n').slice(2);
    const names = rows.map((row) => /^\| `([A-Z0-9_]+)` \|/.exec(row)![1]);
    expect(names.sort()).toEqual([...new Set([...Object.keys(chatbiConfigSchema.shape), ...Object.keys(distributedConfigSchema.shape)])].sort());
    const undescribed = rows.filter((row) => row.trimEnd().endsWith('|  |')).map((row) => row.split('|')[1].trim());
    expect(undescribed).toEqual([]);
  });

  it('links only to files that exist, and the README links to it from Distributed mode', () => {
    for (const [, target] of runbook.matchAll(/\]\((\.\.\/[^)#]+)\)/g)) expect([target, existsSync(join(dirname(OPERATIONS), target))]).toEqual([target, true]);
    for (const script of runbook.matchAll(/bash (scripts\/\S+\.sh)/g)) expect(existsSync(join(ROOT, script[1]))).toBe(true);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const distributed = readme.slice(readme.indexOf('## Distributed mode'), readme.indexOf('\n## ', readme.indexOf('## Distributed mode') + 1));
    expect(distributed).toContain('(docs/operations.md)');
  });

  describe('the Kafka API contract (AsyncAPI)', () => {
    const doc = parse(readFileSync(ASYNCAPI, 'utf8'));
    const request = doc.components.schemas.AskRequest;

    it('names the topics the services use', () => {
      expect(doc.channels.requests.address).toBe(TOPICS.apiRequests);
      expect(doc.channels.replies.address).toBe(TOPICS.apiReplies);
    });

    it('states the request fields, patterns and limits the service checks', () => {
      expect(Object.keys(request.properties).sort()).toEqual(Object.keys(kafkaAskRequestSchema.shape).sort());
      expect(request.required.sort()).toEqual(['question', 'requestId']);
      expect(request.properties.requestId.pattern).toBe(patternOf(kafkaAskRequestSchema.shape.requestId));
      expect(request.properties.sessionId.pattern).toBe(patternOf(askRequestSchema.shape.sessionId.unwrap()));
      expect(request.properties.question.maxLength).toBe(MAX_QUESTION_LENGTH);
      for (const example of doc.components.messages.AskRequest.examples) expect(kafkaAskRequestSchema.safeParse(example.payload).success).toBe(true);
    });

    it('lists exactly the error codes a reply can carry', () => {
      const codes = doc.components.schemas.ErrorReply.properties.error.properties.code.enum;
      expect(codes).toEqual(Object.keys(ERROR_CODES));
    });
  });
});

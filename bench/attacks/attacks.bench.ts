import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ApiTokenStore, type Scope } from '@chatbi/auth';
import { addDays, localDate } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR, ensureDemoWorld } from '@chatbi/demo-world';
import { PLAN_TOOL_NAME } from '@chatbi/json-planner';
import { rawHttp } from '@chatbi/testing';
import { DuckDbWarehouse } from '@chatbi/warehouse';
import { loadConfig } from '../../apps/chatbi/src/config/chatbi.config';
import { createEmbeddedApp } from '../../apps/chatbi/src/embedded-runtime';
import { FakeMessagesApi, apiError, toolUse } from '../../apps/json-planner/src/claude/testing/fake-messages-api.server';
import { printTable, writeResult } from '../bench-report';
import { ATTACK_CLASSES, CANARY_FILE_TEXT, CANARY_TABLE, CANARY_VALUE, attackCorpus, type Attack, type Caller } from './attack-corpus';
import { LIMITED_USER, judge, type Verdict } from './attack-verdict';

/**
 * A corpus of hostile inputs (SQL and prompt injection, auth bypass, header tricks, path
 * traversal, oversized and malformed bodies, row-rule bypass) against a running embedded ChatBI
 * over real HTTP, with API tokens, row rules, a canary table in the warehouse and a canary file
 * beside the catalog. Its planner talks to a local stand-in of the Messages API that, for the
 * prompt-injection class, "obeys" the injection and answers with the malicious plan.
 *
 *   npm run bench -- attacks
 *
 * Prints tried / refused / answered safely / escaped per class and writes bench/results/attacks.json.
 */

const ACCESS_YAML = `version: 1
access:
  - { role: ios-team, view: user_activity_daily, rows: "os = :user.os", hide: [${LIMITED_USER.hiddenColumns.join(', ')}] }
  - { role: everyone, view: "*" }
`;
const API_KEY = 'sk-bench-attacks';

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chatbi-bench-attacks-'));
  const catalogDir = join(dataDir, 'catalog');
  const warehouseFile = join(dataDir, 'warehouse.duckdb');
  let app: INestApplication | undefined;
  const api = await FakeMessagesApi.start(API_KEY);
  try {
    process.stdout.write('generating the demo warehouse with a canary table...\n');
    await ensureDemoWorld({ file: warehouseFile, size: 'small', endDate: addDays(localDate(new Date()), -1) });
    const writable = await DuckDbWarehouse.open(warehouseFile, { readOnly: false });
    await writable.query(`CREATE TABLE ${CANARY_TABLE} (secret VARCHAR)`, [], { timeoutMs: 10_000, maxRows: 1 });
    await writable.query(`INSERT INTO ${CANARY_TABLE} VALUES (?)`, [CANARY_VALUE], { timeoutMs: 10_000, maxRows: 1 });
    await writable.close();
    cpSync(DEMO_CATALOG_DIR, catalogDir, { recursive: true });
    writeFileSync(join(catalogDir, 'access.yaml'), ACCESS_YAML);
    writeFileSync(join(dataDir, 'canary.txt'), `${CANARY_FILE_TEXT}\n`);
    const secretYaml = join(dataDir, 'secret.yaml');
    writeFileSync(secretYaml, `version: 1\n# ${CANARY_FILE_TEXT}\naccess: [{ role: x, view: "*" }]\n`);

    app = await createEmbeddedApp(
      loadConfig({
        CHATBI_DATA_DIR: dataDir,
        CHATBI_CATALOG_DIR: catalogDir,
        CHATBI_WAREHOUSE_FILE: warehouseFile,
        ANTHROPIC_API_KEY: API_KEY,
        CHATBI_ANTHROPIC_BASE_URL: api.baseURL,
        CHATBI_PLANNER_TIMEOUT_MS: '5000',
        CHATBI_RATE_LIMIT_PER_MINUTE: '0',
      }),
      { logLevels: ['error'] },
    );
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    // After start-up: a catalog that links out of its folder does not load, and the attacks try to use the link.
    symlinkSync(secretYaml, join(catalogDir, 'leak.yaml'));
    const attacks = attackCorpus();
    process.stdout.write(`running ${attacks.length} attacks...\n`);
    const results: { attack: Attack; verdict: Verdict; status: number }[] = [];
    let modelAsked = 0;
    const send = async (attack: Attack, credentials: Record<string, string>) => {
      api.reset();
      // The model obeys the injection twice (the planner asks again after an invalid plan), else fails and the rules answer.
      api.reply(...(attack.modelPlan ? [toolUse(PLAN_TOOL_NAME, attack.modelPlan), toolUse(PLAN_TOOL_NAME, attack.modelPlan)] : [apiError(400, 'no model in this bench')]));
      const reply = await rawHttp(port, { method: attack.method, path: attack.path, body: attack.body, headers: { ...credentials, ...attack.headers } });
      results.push({ attack, verdict: judge(attack, reply, [dataDir]), status: reply.status });
      if (attack.modelPlan && api.requests.some((r) => r.status === 200)) modelAsked++;
    };
    // First as the zero-config ChatBI on 127.0.0.1, then with API tokens (the first one makes every caller authenticate).
    for (const attack of attacks.filter((a) => a.local)) await send(attack, {});
    const tokens = app.get(ApiTokenStore);
    const bearer = async (user: string, scopes: Scope[], roles: string[], attributes = {}) =>
      ({ authorization: `Bearer ${(await tokens.create({ name: user, user, scopes, roles, attributes })).token}` });
    const credentials: Record<Caller, Record<string, string>> = {
      alice: await bearer('alice', ['ask'], ['everyone']),
      bob: await bearer('bob', ['ask'], ['ios-team'], { os: LIMITED_USER.os }),
      admin: await bearer('dba', ['ask', 'advisor:read', 'admin'], ['everyone']),
      anonymous: {},
    };
    for (const attack of attacks.filter((a) => !a.local)) await send(attack, credentials[attack.as]);
    const secretUntouched = readFileSync(secretYaml, 'utf8').includes(CANARY_FILE_TEXT);
    const writtenOutside = [join(dataDir, 'owned.yaml'), '/tmp/owned.yaml', join(catalogDir, 'sub', 'owned.yaml')].filter(existsSync);
    for (const file of writtenOutside) results.push(diskEscape(`a file was written at ${file}`));
    if (!secretUntouched) results.push(diskEscape('the file behind the link was changed'));

    const rows = ATTACK_CLASSES.map((c) => {
      const of = results.filter((r) => r.attack.class === c);
      const count = (o: Verdict['outcome']) => of.filter((r) => r.verdict.outcome === o).length;
      return { class: c, tried: of.length, blocked: of.length - count('escaped'), refused: count('refused'), 'answered safely': count('answered safely'), escaped: count('escaped') };
    });
    const total = { class: 'all', tried: results.length, ...sum(rows) };
    printTable('Attacks against a running ChatBI (refused: 4xx/502/503 telling nothing; answered safely: 2xx within what the caller may read)', [...rows, total]);
    const injections = attacks.filter((a) => a.modelPlan).length;
    process.stdout.write(`\nthe stand-in model was asked to plan (and answered the malicious plan) in ${modelAsked} of ${injections} prompt injections\n`);
    const escapes = results.filter((r) => r.verdict.outcome === 'escaped');
    for (const e of escapes) process.stdout.write(`ESCAPED ${e.attack.class} / ${e.attack.name}: ${e.verdict.why}\n`);
    writeResult('attacks', {
      command: 'npm run bench -- attacks',
      tried: total.tried,
      blocked: total.blocked,
      escaped: total.escaped,
      promptInjectionsThatReachedTheModel: modelAsked,
      byClass: Object.fromEntries(rows.map(({ class: c, ...counts }) => [c, counts])),
      escapes: escapes.map((e) => ({ class: e.attack.class, name: e.attack.name, status: e.status, why: e.verdict.why })),
      attacks: results.map((r) => ({ class: r.attack.class, name: r.attack.name, as: r.attack.as, status: r.status, outcome: r.verdict.outcome })),
    });
    if (total.escaped > 0) process.exitCode = 1;
  } finally {
    await app?.close();
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function diskEscape(why: string): { attack: Attack; verdict: Verdict; status: number } {
  return { attack: { class: 'path-traversal', name: 'the disk after the run', as: 'admin', method: 'GET', path: '' }, verdict: { outcome: 'escaped', why }, status: 0 };
}

function sum(rows: { tried: number; blocked: number; refused: number; 'answered safely': number; escaped: number }[]) {
  const total = (k: keyof (typeof rows)[number]) => rows.reduce((n, r) => n + r[k], 0);
  return { blocked: total('blocked'), refused: total('refused'), 'answered safely': total('answered safely'), escaped: total('escaped') };
}

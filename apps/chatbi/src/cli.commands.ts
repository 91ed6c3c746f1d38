import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { randomUUID } from 'node:crypto';
import { CatalogLoader } from '@chatbi/catalog';
import { ChatbiError, addDays, localDate, type AskResponse, type ClarificationCandidate } from '@chatbi/contracts';
import { AskService, ChatbiGrpcServer } from '@chatbi/dialogue';
import { DEMO_CATALOG_DIR, generateDemoWorld } from '@chatbi/demo-world';
import { loadConfig } from './config/chatbi.config';
import { candidatesOf, formatCandidates, pickCandidate, promptCandidate } from './clarification.prompt';
import { grpcTlsOf } from './config/grpc-tls.config';
import { describeDraft, draftCatalog } from './connect.command';
import { createEmbeddedApp } from './embedded-runtime';
import { stopOnSignals } from './graceful-stop';
import { formatTable } from './table.printer';

const out = (line = '') => process.stdout.write(`${line}\n`);

export async function serveCommand(): Promise<void> {
  const config = loadConfig();
  const app = await createEmbeddedApp(config, { onProgress: (l) => out(l) });
  await app.listen(config.PORT, config.HOST);
  stopOnSignals(app, config.CHATBI_DRAIN_TIMEOUT_MS);
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
  out(`ChatBI is serving on ${url}`);
  if (config.CHATBI_GRPC_PORT !== undefined) {
    const tls = grpcTlsOf(config);
    const port = await app.get(ChatbiGrpcServer).listen(config.HOST, config.CHATBI_GRPC_PORT, tls);
    out(`gRPC (Ask, Chat, grpc.health.v1, reflection) on ${config.HOST}:${port}${tls ? ' over TLS' : ''}`);
  }
  out(`Try: curl -s ${url}/api/ask -H 'content-type: application/json' -d '{"question":"DAU of the main app over the last 7 days"}'`);
}

/**
 * One question. When the reading is unsure, the readings offered are listed; on a terminal one can
 * be chosen, and its question is asked in the same session.
 */
export async function askCommand(question: string, opts: { session?: string; json?: boolean }): Promise<void> {
  const app = await createEmbeddedApp(loadConfig(), { logLevels: ['error'] });
  const sessionId = opts.session ?? randomUUID();
  try {
    for (let next: string | undefined = question; next !== undefined; ) {
      try {
        const answer = await app.get(AskService).ask({ question: next, sessionId });
        out(opts.json ? JSON.stringify(answer, null, 2) : describeAnswer(answer));
        next = undefined;
      } catch (error) {
        reportError(error);
        const candidates = opts.json ? [] : candidatesOf(error);
        if (candidates.length === 0) break;
        if (!process.stdin.isTTY) {
          process.stderr.write(`${formatCandidates(candidates)}\n`);
          break;
        }
        next = (await promptCandidate(candidates, process.stdin, process.stderr))?.question;
        if (next !== undefined) process.exitCode = 0;
      }
    }
  } finally {
    await app.close();
  }
}

export async function chatCommand(): Promise<void> {
  const app = await createEmbeddedApp(loadConfig(), { logLevels: ['error'] });
  const asks = app.get(AskService);
  const sessionId = randomUUID();
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  out('Ask a question; follow up as in a conversation. An empty line or Ctrl-D ends the chat.');
  // After an unsure reading: the readings offered, chosen by typing their number.
  let offered: ClarificationCandidate[] = [];
  try {
    for (;;) {
      let line: string;
      try {
        line = await rl.question('? ');
      } catch {
        break;
      }
      if (!line.trim()) break;
      const question = pickCandidate(offered, line)?.question ?? line;
      offered = [];
      try {
        out(describeAnswer(await asks.ask({ question, sessionId })));
      } catch (error) {
        reportError(error);
        offered = candidatesOf(error);
        if (offered.length > 0) out(`${formatCandidates(offered)}\nType a number to ask it, or another question.`);
      }
      out();
    }
  } finally {
    rl.close();
    await app.close();
  }
}

export function catalogListCommand(opts: { view?: string }): void {
  const catalog = new CatalogLoader().loadDirectory(loadConfig().CHATBI_CATALOG_DIR ?? DEMO_CATALOG_DIR);
  for (const view of catalog.views) {
    if (opts.view && view.name !== opts.view) continue;
    out(`${view.name} — ${view.description} (${view.columns.length} columns)`);
    if (!opts.view) continue;
    out(
      formatTable(
        ['column', 'role', 'type', 'aliases', 'description'],
        view.columns.map((c) => ({
          column: c.kind === 'virtual' ? `${c.name} *` : c.name,
          role: c.role,
          type: c.type,
          aliases: [...c.aliases.en, ...c.aliases.zh].join(', '),
          description: c.description,
        })),
      ),
    );
    out('* virtual column');
  }
  if (!opts.view) out('\n`chatbi catalog --view <name>` lists a view\'s columns.');
}

/** `chatbi catalog introspect <url-or-file> [-o file.yaml]`: the older form of `chatbi connect`, drafting the same catalog. */
export async function introspectCommand(urlOrFile: string, opts: { out?: string; relations?: string }): Promise<void> {
  const drafted = await draftCatalog(urlOrFile, { relations: opts.relations });
  process.stderr.write(`${describeDraft(drafted)}\n`);
  if (opts.out) {
    writeFileSync(opts.out, drafted.yaml);
    out(`Drafted ${drafted.file.views.length} views into ${opts.out}; review the roles, descriptions and aliases before use.`);
  } else {
    process.stdout.write(drafted.yaml);
  }
}

export async function generateDemoCommand(opts: { file: string; size: 'small' | 'bench'; seed: string }): Promise<void> {
  const summary = await generateDemoWorld({ file: opts.file, size: opts.size, seed: Number(opts.seed), endDate: addDays(localDate(new Date()), -1) });
  out(`Generated ${opts.file} in ${summary.seconds.toFixed(1)} s`);
  out(formatTable(['table', 'rows'], Object.entries(summary.rows).map(([table, rows]) => ({ table, rows }))));
}

function describeAnswer(a: AskResponse): string {
  const lines: string[] = [];
  lines.push(`Understood as: ${a.resolvedQuestion}`, `View: ${a.view}`, '', a.sql, '');
  if (a.sqlParams.length) lines.push(`Parameters: ${JSON.stringify(a.sqlParams)}`, '');
  lines.push(formatTable(a.columns.map((c) => c.name), a.rows));
  lines.push(`(${a.rows.length} row${a.rows.length === 1 ? '' : 's'}${a.truncated ? ', truncated' : ''})`);
  for (const w of a.warnings) lines.push(`Note: ${w}`);
  return lines.join('\n');
}

function reportError(error: unknown): void {
  const e = ChatbiError.from(error);
  if (e.code === 'INTERNAL') console.error(error);
  process.stderr.write(`${e.code}: ${e.message}\n`);
  process.exitCode = 1;
}

import Anthropic, { APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { z } from 'zod';
import type { CascadeRow, Oracle, OracleAnswer, SemanticTask, Verdict } from '@chatbi/contracts';
import { DEFAULT_MAX_TEXT_CHARS, isBlankText, truncateRow } from '../rows/row-text';
import { oracleRowsMessage, oracleSystemPrompt, rowKey, VERDICT_TOOL_NAME, verdictTool } from './oracle-prompt';

export interface ClaudeOracleOptions {
  apiKey: string;
  baseURL?: string;
  model?: string;
  /** Rows per request; default 20. */
  batchRows?: number;
  /** Texts are cut to this many characters before they are sent; default 4,000. */
  maxTextChars?: number;
  /** Time for one request; default 30 s. A timed-out request is retried once. */
  timeoutMs?: number;
}

export const DEFAULT_ORACLE_MODEL = 'claude-sonnet-4-6';

const toolInputSchema = z.object({
  verdicts: z.array(z.object({ row: z.string(), verdict: z.unknown() }).loose()),
});

type BatchResult = Map<string, { verdict: Verdict | null; reason?: string }>;

/**
 * The LLM oracle: the Messages API through @anthropic-ai/sdk, many rows per request, answers by a
 * forced tool call checked with zod. Row text is framed as JSON data (oracle-prompt.ts). A row
 * without a valid verdict (missing, garbage, outside the labels) and every row of a request that
 * timed out or failed is asked once more; after that it gets no verdict and a reason. Tokens are
 * counted from each response's `usage` and shared out over the rows of the request.
 */
export class ClaudeOracle implements Oracle {
  readonly name = 'claude';
  private readonly sdk: Anthropic;
  private tokens = 0;
  requests = 0;

  constructor(private readonly options: ClaudeOracleOptions) {
    this.sdk = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      maxRetries: 0,
      timeout: options.timeoutMs ?? 30_000,
      logLevel: 'off',
    });
  }

  tokensUsed(): number {
    return this.tokens;
  }

  async judge(task: SemanticTask, rows: readonly CascadeRow[], signal?: AbortSignal): Promise<OracleAnswer[]> {
    const limit = this.options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;
    // A row with no text is never sent: there is nothing to judge.
    const sent = rows.filter((row) => !isBlankText(row.text)).map((row) => truncateRow(row, limit).row);
    const tokens = new Map<string, number>();
    const results: BatchResult = new Map();
    const size = this.options.batchRows ?? 20;
    for (let start = 0; start < sent.length; start += size) {
      const batch = sent.slice(start, start + size);
      const first = await this.ask(task, batch, signal, tokens);
      const again = batch.filter((row) => first.get(row.id)?.verdict == null);
      const second = again.length > 0 ? await this.ask(task, again, signal, tokens) : new Map();
      for (const row of batch) results.set(row.id, second.get(row.id) ?? first.get(row.id)!);
    }
    return rows.map((row) => {
      const result = results.get(row.id) ?? { verdict: null, reason: 'text is empty' };
      return { id: row.id, verdict: result.verdict, ...(result.reason ? { reason: result.reason } : {}), tokens: tokens.get(row.id) ?? 0 };
    });
  }

  /** One request for the rows; every row comes back with a verdict or the reason it has none. */
  private async ask(task: SemanticTask, rows: readonly CascadeRow[], signal: AbortSignal | undefined, tokens: Map<string, number>): Promise<BatchResult> {
    const fail = (reason: string): BatchResult => new Map(rows.map((row) => [row.id, { verdict: null, reason }]));
    this.requests++;
    let message: Anthropic.Message;
    try {
      message = await this.sdk.messages.create(
        {
          model: this.options.model ?? DEFAULT_ORACLE_MODEL,
          max_tokens: 200 + 40 * rows.length,
          system: oracleSystemPrompt(task),
          messages: [{ role: 'user', content: oracleRowsMessage(rows) }],
          tools: [verdictTool(task)],
          tool_choice: { type: 'tool', name: VERDICT_TOOL_NAME },
        },
        { signal },
      );
    } catch (error) {
      if (error instanceof APIUserAbortError) throw error;
      if (error instanceof APIConnectionTimeoutError) return fail('oracle timed out');
      if (error instanceof APIError && error.status !== undefined) return fail(`oracle answered HTTP ${error.status}`);
      return fail(`oracle unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }

    const usage = message.usage;
    const spent = usage.input_tokens + usage.output_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
    this.tokens += spent;
    for (const row of rows) tokens.set(row.id, (tokens.get(row.id) ?? 0) + spent / rows.length);

    const call = message.content.find((block) => block.type === 'tool_use' && block.name === VERDICT_TOOL_NAME);
    const parsed = call && call.type === 'tool_use' ? toolInputSchema.safeParse(call.input) : undefined;
    if (!parsed?.success) return fail('oracle answer was not a valid verdict list');
    const byKey = new Map<string, unknown>();
    for (const item of parsed.data.verdicts) if (!byKey.has(item.row)) byKey.set(item.row, item.verdict);
    return new Map(
      rows.map((row, i): [string, { verdict: Verdict | null; reason?: string }] => {
        const raw = byKey.get(rowKey(i));
        const verdict = validVerdict(task, raw);
        if (verdict !== null) return [row.id, { verdict }];
        return [row.id, { verdict: null, reason: raw === undefined ? 'oracle gave no verdict for the row' : 'oracle verdict was not valid' }];
      }),
    );
  }
}

function validVerdict(task: SemanticTask, raw: unknown): Verdict | null {
  if (task.kind === 'filter') return typeof raw === 'boolean' ? raw : null;
  return typeof raw === 'string' && task.labels.includes(raw) ? raw : null;
}

import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';

export interface ClaudeParaphraserOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Rewrites asked for per question. */
  perQuestion?: number;
  /** Questions per request. */
  batchSize?: number;
  timeoutMs?: number;
}

const TOOL_NAME = 'record_paraphrases';

const SYSTEM = [
  'You rewrite questions that product managers ask a business-intelligence assistant about an app company\'s data.',
  'For each numbered question, write the requested number of different rewrites, as different people would type them.',
  'Keep the language of the question: English stays English, Chinese stays Chinese.',
  'Keep its meaning exactly: the same metrics, the same breakdowns, the same filter values, the same time range and comparison, or the absence of any of them. A question that leaves something out (a follow-up such as "what about Tianjin?") must still leave it out.',
  'Change only the wording and the word order. Do not add facts, numbers or explanations.',
  `Answer only by calling ${TOOL_NAME}.`,
].join('\n');

const replySchema = z.object({
  items: z.array(z.object({ index: z.number().int().min(1), paraphrases: z.array(z.string()) })),
});

/**
 * Asks Claude for paraphrases of generated training questions (the paper's Figure 5 asks GPT-4 for
 * training questions; here the LLM only varies the wording of questions the catalog generated, so
 * labels stay exact). Results go to the paraphrase cache; training reads only the cache.
 */
export class ClaudeParaphraser {
  private readonly sdk: Anthropic;

  constructor(private readonly options: ClaudeParaphraserOptions) {
    this.sdk = new Anthropic({
      apiKey: options.apiKey,
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs ?? 60_000,
      maxRetries: 2,
      logLevel: 'off',
    });
  }

  /** Paraphrases by question; questions the model returned nothing usable for are left out. */
  async paraphrase(questions: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const batch = this.options.batchSize ?? 20;
    for (let i = 0; i < questions.length; i += batch) {
      const chunk = questions.slice(i, i + batch);
      for (const [question, rewrites] of await this.ask(chunk)) out.set(question, rewrites);
    }
    return out;
  }

  private async ask(questions: readonly string[]): Promise<Map<string, string[]>> {
    const n = this.options.perQuestion ?? 3;
    const reply = await this.sdk.messages.create({
      model: this.options.model,
      max_tokens: 4096,
      system: SYSTEM,
      messages: [{ role: 'user', content: `${n} rewrites each:\n${questions.map((q, i) => `${i + 1}. ${q}`).join('\n')}` }],
      tools: [
        {
          name: TOOL_NAME,
          description: 'Records the rewrites of each numbered question.',
          input_schema: {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { index: { type: 'integer', description: 'The question number' }, paraphrases: { type: 'array', items: { type: 'string' } } },
                  required: ['index', 'paraphrases'],
                },
              },
            },
            required: ['items'],
          },
        },
      ],
      tool_choice: { type: 'tool', name: TOOL_NAME },
    });
    const call = reply.content.find((c) => c.type === 'tool_use' && c.name === TOOL_NAME);
    const parsed = replySchema.safeParse(call && 'input' in call ? call.input : undefined);
    if (!parsed.success) throw new Error(`Claude did not answer with ${TOOL_NAME}: ${parsed.error?.issues[0]?.message ?? 'no tool call'}`);
    const out = new Map<string, string[]>();
    for (const item of parsed.data.items) {
      const question = questions[item.index - 1];
      if (!question) continue;
      const kept = [...new Set(item.paraphrases.map((p) => p.trim()))].filter((p) => usableRewrite(question, p)).slice(0, n);
      if (kept.length > 0) out.set(question, kept);
    }
    return out;
  }
}

const CJK = /[\u3400-\u9fff]/;

/** Non-empty, not the question itself, not too long, in the question's language. */
export function usableRewrite(question: string, rewrite: string): boolean {
  return rewrite.length > 0 && rewrite.length <= 200 && rewrite.toLowerCase() !== question.toLowerCase() && CJK.test(rewrite) === CJK.test(question);
}

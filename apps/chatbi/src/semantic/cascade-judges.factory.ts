import { accessSync, constants } from 'node:fs';
import { Logger } from '@nestjs/common';
import { AbsentOracle, type CascadeJudges, type Judges } from '@chatbi/cascade-runner';
import { ChatbiError, type Oracle, type SemanticTask } from '@chatbi/contracts';
import { ClaudeOracle, LabelRecordingOracle, OnlineLogisticProxy, type ClaudeOracleOptions } from '@chatbi/cascades';
import { ConfigError, type ChatbiConfig } from '../config/chatbi.config';
import { TrainedProxies } from './trained-proxies';
import { TsvLabelSink } from './tsv-label.sink';

/** What the Claude oracle is built from: the key and endpoint it shares with the planner, and its own settings. */
export function claudeOracleOptionsOf(config: ChatbiConfig & { ANTHROPIC_API_KEY: string }): ClaudeOracleOptions {
  return {
    apiKey: config.ANTHROPIC_API_KEY,
    ...(config.CHATBI_ANTHROPIC_BASE_URL ? { baseURL: config.CHATBI_ANTHROPIC_BASE_URL } : {}),
    model: config.CHATBI_SEMANTIC_ORACLE_MODEL,
    timeoutMs: config.CHATBI_SEMANTIC_ORACLE_TIMEOUT_MS,
    batchRows: config.CHATBI_SEMANTIC_ORACLE_BATCH_ROWS,
    maxTextChars: config.CHATBI_SEMANTIC_ORACLE_MAX_TEXT_CHARS,
  };
}

/**
 * Who judges rows for semantic operators. With an Anthropic key: Claude as the oracle (batched,
 * rows framed as data; its labels also written to CHATBI_SEMANTIC_LABELS_DIR when set) and, as the
 * proxy, the trained model the CHATBI_SEMANTIC_PROXIES manifest lists for the operator's
 * instruction, else one per partition that learns online from Claude's labels.
 *
 * Without a key there is no oracle, and an online proxy would have nothing to learn from. An
 * operator with a trained proxy is judged by that proxy alone, and the answer says its quality is
 * not guaranteed; any other is refused with ORACLE_UNAVAILABLE (see OracleUnavailableJudges).
 */
export function cascadeJudgesFor(config: ChatbiConfig): CascadeJudges | undefined {
  const apiKey = config.ANTHROPIC_API_KEY;
  const trained = config.CHATBI_SEMANTIC_PROXIES ? TrainedProxies.fromManifest(config.CHATBI_SEMANTIC_PROXIES) : undefined;
  if (!apiKey) {
    new Logger('semantic').log(
      trained
        ? 'no ANTHROPIC_API_KEY: semantic operators with a trained proxy are judged by it alone (the answer says so); others are refused with ORACLE_UNAVAILABLE'
        : 'no ANTHROPIC_API_KEY: questions with semantic operators ("complained about login") are refused with ORACLE_UNAVAILABLE',
    );
    return trained ? { forTask: (task) => proxyOnlyJudges(task, trained) } : undefined;
  }
  const options = claudeOracleOptionsOf({ ...config, ANTHROPIC_API_KEY: apiKey });
  const recordLabels = config.CHATBI_SEMANTIC_LABELS_DIR ? labelRecorder(config.CHATBI_SEMANTIC_LABELS_DIR) : (oracle: Oracle) => oracle;
  return {
    forTask: (task) => {
      const model = trained?.forTask(task);
      return {
        // One oracle per operator of a question: its token count is that operator's.
        oracle: recordLabels(new ClaudeOracle(options)),
        proxy: (partition) => model ?? new OnlineLogisticProxy({ seed: config.CHATBI_SEMANTIC_SEED + partition }),
      };
    },
  };
}

/** Wraps oracles so that their labels land in `dir`; a failure to write is logged, at most once a minute. */
function labelRecorder(dir: string): (oracle: Oracle) => Oracle {
  let sink: TsvLabelSink;
  try {
    sink = new TsvLabelSink(dir);
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new ConfigError(`CHATBI_SEMANTIC_LABELS_DIR: cannot write to ${dir} (${(error as Error).message})`);
  }
  const logger = new Logger('semantic');
  let lastWarning = -Infinity;
  const warn = (error: unknown) => {
    if (Date.now() - lastWarning < 60_000) return;
    lastWarning = Date.now();
    logger.warn(`could not record the oracle's labels in ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  };
  return (oracle) => new LabelRecordingOracle(oracle, sink, warn);
}

/** No oracle, a trained proxy: it decides every row, and the answer carries a warning saying so. */
function proxyOnlyJudges(task: SemanticTask, trained: TrainedProxies): Judges {
  const model = trained.forTask(task);
  if (!model) {
    throw new ChatbiError(
      'ORACLE_UNAVAILABLE',
      `Judging "${task.instruction}" needs an LLM oracle: set ANTHROPIC_API_KEY, or train a proxy for this instruction (chatbi train-proxy) and list it in CHATBI_SEMANTIC_PROXIES.`,
    );
  }
  return {
    oracle: new AbsentOracle(),
    proxy: () => model,
    algorithm: { kind: 'proxy-only' },
    warning: `"${task.instruction}" was judged by the trained proxy ${model.name} alone: no LLM checked any row, so the answer's precision and recall are not guaranteed. Set ANTHROPIC_API_KEY for the checked cascade.`,
  };
}

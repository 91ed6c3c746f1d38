import { accessSync, constants } from 'node:fs';
import { Logger } from '@nestjs/common';
import type { CascadeJudges } from '@chatbi/cascade-runner';
import type { Oracle } from '@chatbi/contracts';
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
 * instruction, else one per partition that learns online from Claude's labels. Without a key there
 * is no oracle, and an online proxy has nothing to learn from: semantic operators are refused with
 * ORACLE_UNAVAILABLE (see OracleUnavailableJudges) rather than answered unguaranteed.
 */
export function cascadeJudgesFor(config: ChatbiConfig): CascadeJudges | undefined {
  const apiKey = config.ANTHROPIC_API_KEY;
  if (!apiKey) {
    new Logger('semantic').log('no ANTHROPIC_API_KEY: questions with semantic operators ("complained about login") are refused with ORACLE_UNAVAILABLE');
    return undefined;
  }
  const options = claudeOracleOptionsOf({ ...config, ANTHROPIC_API_KEY: apiKey });
  const trained = config.CHATBI_SEMANTIC_PROXIES ? TrainedProxies.fromManifest(config.CHATBI_SEMANTIC_PROXIES) : undefined;
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

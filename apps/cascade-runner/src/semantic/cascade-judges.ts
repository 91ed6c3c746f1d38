import type { CascadeAlgorithmConfig, Oracle, ProxyModel, SemanticTask } from '@chatbi/contracts';


/** Who judges rows: the oracle (an LLM) and a proxy per partition; chosen by the host's configuration. */
export interface Judges {
  oracle: Oracle;
  proxy: (partition: number) => ProxyModel;
  /** Set when quality cannot be guaranteed (e.g. a proxy with no oracle); shown with the answer. */
  warning?: string;
  /** This operator's algorithm, instead of the configured one (proxy-only when there is no oracle). */
  algorithm?: CascadeAlgorithmConfig;
}

export interface CascadeJudges {
  /** Judges for one operator of one question, or a ChatbiError (ORACLE_UNAVAILABLE) saying what to configure. */
  forTask(task: SemanticTask): Judges;
}

export const CASCADE_JUDGES = Symbol('CASCADE_JUDGES');

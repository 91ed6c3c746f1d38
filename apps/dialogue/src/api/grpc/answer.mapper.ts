import { status as GrpcStatus } from '@grpc/grpc-js';
import { clarificationCandidates, type AskResponse, type ClarificationCandidate, type ErrorBody, type SemanticOperatorReport } from '@chatbi/contracts';

/** The proto Answer message (libs/contracts/proto/chatbi.proto) as proto-loader hands it over. */
export interface GrpcAnswer {
  requestId: string;
  sessionId: string;
  question: string;
  resolvedQuestion: string;
  view: string;
  planJson: string;
  sql: string;
  sqlParamsJson: string;
  dialect: string;
  columns: { name: string; type: string; role: string; additive: boolean }[];
  rowsJson: string;
  truncated: boolean;
  chartJson: string;
  timings: Record<string, number>;
  warnings: string[];
  plannerJson: string;
  /** Empty for plans without semantic operators. */
  semantic: GrpcSemanticReport[];
}

/** The proto SemanticReport: SemanticOperatorReport with optional parts filled in (proto3 has no undefined). */
export type GrpcSemanticReport = Omit<SemanticOperatorReport, 'labelCounts'> & { labelCounts: Record<string, number> };

export interface GrpcError {
  code: string;
  message: string;
  detailsJson: string;
  /** NEEDS_CLARIFICATION: the readings to choose from; empty otherwise. */
  candidates: ClarificationCandidate[];
}

export function toGrpcAnswer(a: AskResponse): GrpcAnswer {
  return {
    requestId: a.requestId,
    sessionId: a.sessionId,
    question: a.question,
    resolvedQuestion: a.resolvedQuestion,
    view: a.view,
    planJson: JSON.stringify(a.plan),
    sql: a.sql,
    sqlParamsJson: JSON.stringify(a.sqlParams),
    dialect: a.dialect,
    columns: a.columns.map((c) => ({ name: c.name, type: c.type, role: c.role, additive: c.additive ?? false })),
    rowsJson: JSON.stringify(a.rows),
    truncated: a.truncated,
    chartJson: JSON.stringify(a.chart),
    timings: a.timings,
    warnings: a.warnings,
    plannerJson: JSON.stringify(a.planner),
    semantic: (a.semantic ?? []).map(toGrpcSemanticReport),
  };
}

function toGrpcSemanticReport(r: SemanticOperatorReport): GrpcSemanticReport {
  return {
    op: r.op,
    column: r.column,
    instruction: r.instruction,
    algorithm: r.algorithm,
    settings: r.settings,
    proxy: r.proxy,
    oracle: r.oracle,
    partitions: r.partitions,
    rowsIn: r.rowsIn,
    rowsOut: r.rowsOut,
    labelCounts: r.labelCounts ?? {},
    proxyDecided: r.proxyDecided,
    oracleDecided: r.oracleDecided,
    undecided: r.undecided,
    undecidedReasons: r.undecidedReasons,
    oracleCalls: r.oracleCalls,
    oracleTokens: r.oracleTokens,
    thresholds: r.thresholds.map((t) => ({ partition: t.partition, low: t.low, high: t.high })),
    elapsedMs: r.elapsedMs,
  };
}

export function toGrpcError(e: ErrorBody): GrpcError {
  return { code: e.code, message: e.message, detailsJson: e.details ? JSON.stringify(e.details) : '', candidates: clarificationCandidates(e.details) };
}

/** The gRPC status that matches an error's HTTP status. */
export function grpcStatusFor(httpStatus: number): GrpcStatus {
  if (httpStatus === 400 || httpStatus === 413 || httpStatus === 415) return GrpcStatus.INVALID_ARGUMENT;
  if (httpStatus === 401) return GrpcStatus.UNAUTHENTICATED;
  if (httpStatus === 403) return GrpcStatus.PERMISSION_DENIED;
  if (httpStatus === 404) return GrpcStatus.NOT_FOUND;
  if (httpStatus === 409) return GrpcStatus.ALREADY_EXISTS;
  if (httpStatus === 429) return GrpcStatus.RESOURCE_EXHAUSTED;
  if (httpStatus === 422) return GrpcStatus.FAILED_PRECONDITION;
  if (httpStatus === 503 || httpStatus === 502) return GrpcStatus.UNAVAILABLE;
  if (httpStatus === 504) return GrpcStatus.DEADLINE_EXCEEDED;
  return GrpcStatus.INTERNAL;
}

import { status as GrpcStatus } from '@grpc/grpc-js';
import type { AskResponse, ErrorBody } from '@chatbi/contracts';

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
  columns: { name: string; type: string; role: string }[];
  rowsJson: string;
  truncated: boolean;
  chartJson: string;
  timings: Record<string, number>;
  warnings: string[];
  plannerJson: string;
}

export interface GrpcError {
  code: string;
  message: string;
  detailsJson: string;
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
    columns: a.columns.map((c) => ({ name: c.name, type: c.type, role: c.role })),
    rowsJson: JSON.stringify(a.rows),
    truncated: a.truncated,
    chartJson: JSON.stringify(a.chart),
    timings: a.timings,
    warnings: a.warnings,
    plannerJson: JSON.stringify(a.planner),
  };
}

export function toGrpcError(e: ErrorBody): GrpcError {
  return { code: e.code, message: e.message, detailsJson: e.details ? JSON.stringify(e.details) : '' };
}

/** The gRPC status that matches an error's HTTP status. */
export function grpcStatusFor(httpStatus: number): GrpcStatus {
  if (httpStatus === 400) return GrpcStatus.INVALID_ARGUMENT;
  if (httpStatus === 422) return GrpcStatus.FAILED_PRECONDITION;
  if (httpStatus === 503 || httpStatus === 502) return GrpcStatus.UNAVAILABLE;
  if (httpStatus === 504) return GrpcStatus.DEADLINE_EXCEEDED;
  return GrpcStatus.INTERNAL;
}

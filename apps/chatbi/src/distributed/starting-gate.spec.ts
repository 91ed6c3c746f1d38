import type { NextFunction, Request, Response } from 'express';
import type { ServiceStatus } from './service-status';
import { startingGate } from './starting-gate';

function call(phase: ServiceStatus['phase'], path: string): { passed: boolean; status?: number; body?: any } {
  const gate = startingGate({ phase, service: 'cascade-runner' } as ServiceStatus);
  const result: { passed: boolean; status?: number; body?: any } = { passed: false };
  const response = {
    status(code: number) {
      result.status = code;
      return this;
    },
    json(body: unknown) {
      result.body = body;
      return this;
    },
  } as unknown as Response;
  gate({ path } as Request, response, (() => (result.passed = true)) as NextFunction);
  return result;
}

describe('startingGate', () => {
  it('lets probes and /metrics through while the service starts, and refuses the rest with PIPELINE_UNAVAILABLE', () => {
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics']) expect({ path, passed: call('starting', path).passed }).toEqual({ path, passed: true });
    const refused = call('starting', '/api/ask');
    expect(refused).toMatchObject({ passed: false, status: 503, body: { error: { code: 'PIPELINE_UNAVAILABLE', message: expect.stringContaining('cascade-runner is starting') } } });
  });

  it('lets everything through once the service serves', () => {
    expect(call('serving', '/api/ask').passed).toBe(true);
  });
});

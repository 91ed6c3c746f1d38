import type { NextFunction, Request, Response } from 'express';
import { ChatbiError } from '@chatbi/contracts';
import type { ServiceStatus } from './service-status';

const ALWAYS_OPEN = /^\/(health(\/.*)?|metrics)$/;

/**
 * HTTP listens before the service joins its consumer groups (so that probes can say why it is not
 * ready yet); until it serves, everything but the probes and /metrics answers 503 PIPELINE_UNAVAILABLE.
 */
export function startingGate(status: ServiceStatus) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (status.phase !== 'starting' || ALWAYS_OPEN.test(request.path)) return next();
    const error = new ChatbiError('PIPELINE_UNAVAILABLE', `${status.service} is starting and does not take questions yet; please try again in a moment.`);
    response.status(error.httpStatus).json({ error: error.toBody() });
  };
}

import type { INestApplication } from '@nestjs/common';
import { json } from 'express';

/**
 * Request bodies: JSON only (a form or text body is refused by the auth guard with 415, never
 * parsed), up to 2 MB, which holds the largest catalog file the DBA console saves; larger bodies
 * are refused with 413 (ChatbiErrorFilter).
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export function useJsonBodies(app: INestApplication): void {
  app.use(json({ limit: MAX_BODY_BYTES }));
}

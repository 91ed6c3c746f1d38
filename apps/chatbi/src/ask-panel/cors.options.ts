import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * CORS for browsers that call the API from another origin, such as the Ask panel inside Superset.
 * The panel sends JSON and, optionally, a bearer token; it never relies on ChatBI cookies.
 */
export function corsOptions(origins: string[]): CorsOptions {
  return {
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'authorization', 'accept'],
    maxAge: 600,
  };
}

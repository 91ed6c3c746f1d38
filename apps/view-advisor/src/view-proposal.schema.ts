import { z } from 'zod';

/** Query of GET /api/advisor/proposals: how misses are weighted and when a view counts as unused. */
export const proposalsQuerySchema = z
  .object({
    halfLifeDays: z.coerce.number({ error: 'halfLifeDays must be a number of days' }).min(0.5).max(365).default(7),
    retireAfterDays: z.coerce.number({ error: 'retireAfterDays must be a number of days' }).int().min(1).max(3650).default(30),
    limit: z.coerce.number({ error: 'limit must be a number' }).int().min(1).max(100).default(20),
  })
  .strict();

export type ProposalsQuery = z.infer<typeof proposalsQuerySchema>;

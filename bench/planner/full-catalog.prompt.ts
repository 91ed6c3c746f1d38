import type { Catalog } from '@chatbi/catalog';
import { PLAN_SYSTEM_PROMPT, dateLine, quoteQuestion, renderView, type PlanPrompt } from '@chatbi/json-planner';

/**
 * The baseline prompt: the same rules and question, but the whole catalog as the paper's
 * baselines carry it (every view, every column with its full description, all aliases and every
 * enum value), so that the model would have to pick the view itself.
 */
export function buildFullCatalogPrompt(question: string, catalog: Catalog, today: string): PlanPrompt {
  const views = catalog.views.map((v) => renderView(v, { detail: 'full' }));
  return { system: PLAN_SYSTEM_PROMPT, user: [dateLine(today, catalog.views[0]), ...views, quoteQuestion(question)].join('\n\n') };
}

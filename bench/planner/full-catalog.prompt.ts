import type { Catalog, CatalogColumn, CatalogView } from '@chatbi/catalog';
import { PLAN_SYSTEM_PROMPT, dateLine, quoteQuestion, type PlanPrompt } from '@chatbi/json-planner';

/**
 * The baseline prompt: the same rules and question, but the whole catalog as the paper's
 * baselines carry it (every view, every column with its full description, all aliases and every
 * enum value), so that the model would have to pick the view itself.
 */
export function buildFullCatalogPrompt(question: string, catalog: Catalog, today: string): PlanPrompt {
  return { system: PLAN_SYSTEM_PROMPT, user: [dateLine(today, catalog.views[0]), ...catalog.views.map(renderView), quoteQuestion(question)].join('\n\n') };
}

function renderView(view: CatalogView): string {
  const byRole = (roles: string[]) => view.columns.filter((c) => roles.includes(c.role)).map(columnLine);
  const time = view.columns.find((c) => c.role === 'time');
  return [
    `View ${view.name}: ${view.description}`,
    ...(time ? [`Time column: ${time.name} (${time.type})`] : []),
    'Metrics:',
    ...byRole(['metric']),
    'Dimensions:',
    ...byRole(['dimension']),
    'Other columns:',
    ...byRole(['id', 'text']),
  ].join('\n');
}

function columnLine(c: CatalogColumn): string {
  const aliases = [...c.aliases.en, ...c.aliases.zh];
  const values = c.values.map((v) => {
    const names = [...(v.label ? [v.label] : []), ...v.aliases.en, ...v.aliases.zh];
    return names.length > 0 ? `${String(v.value)} (${names.join(', ')})` : String(v.value);
  });
  return `- ${c.name}: ${c.description}${aliases.length > 0 ? `; ${aliases.join(', ')}` : ''}${values.length > 0 ? ` | values: ${values.join(', ')}` : ''}`;
}

import type { Catalog, CatalogView } from '@chatbi/catalog';
import { ChatbiError } from '@chatbi/contracts';
import { SchemaLinker } from '@chatbi/language';

const QUOTED_LENGTH = 120;

/** NO_METRIC_FOUND, naming the view's metrics whose names or aliases look most like the question. */
export function noMetricFound(question: string, view: CatalogView, catalog: Catalog): ChatbiError {
  const closest = SchemaLinker.for(catalog)
    .closest(question, { views: [view.name], roles: ['metric'], limit: 3 })
    .map((c) => c.column);
  const quoted = question.length > QUOTED_LENGTH ? `${question.slice(0, QUOTED_LENGTH)}…` : question;
  return new ChatbiError(
    'NO_METRIC_FOUND',
    `I could not find a metric for "${quoted}" in view ${view.name}. Closest catalog matches: ${closest.join(', ')}`,
    { view: view.name, closest },
  );
}

import { buildQueryContext, type QueryFormData } from '@superset-ui/core';

/**
 * The panel's data comes from ChatBI, not from the chart's dataset, so when Superset renders the
 * chart it only asks for the dataset's column list (result type "columns": no warehouse query).
 * Other result types Superset asks for (the query, samples, results) pass through unchanged.
 */
export default function buildQuery(formData: QueryFormData) {
  const resultType = !formData.result_type || formData.result_type === 'full' ? 'columns' : formData.result_type;
  return buildQueryContext({ ...formData, result_type: resultType }, (baseQueryObject) => [
    { ...baseQueryObject, columns: [], metrics: [], orderby: [] },
  ]);
}

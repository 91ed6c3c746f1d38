/**
 * A dashboard's position_json holding one chart across the full width: Superset's grid has 12
 * columns and measures height in units of 8 px.
 */
export function singleChartLayout(chartId: number, sliceName: string, heightUnits: number): string {
  const chart = `CHART-${chartId}`;
  return JSON.stringify({
    DASHBOARD_VERSION_KEY: 'v2',
    ROOT_ID: { type: 'ROOT', id: 'ROOT_ID', children: ['GRID_ID'] },
    GRID_ID: { type: 'GRID', id: 'GRID_ID', children: ['ROW-1'], parents: ['ROOT_ID'] },
    'ROW-1': { type: 'ROW', id: 'ROW-1', children: [chart], parents: ['ROOT_ID', 'GRID_ID'], meta: { background: 'BACKGROUND_TRANSPARENT' } },
    [chart]: { type: 'CHART', id: chart, children: [], parents: ['ROOT_ID', 'GRID_ID', 'ROW-1'], meta: { chartId, sliceName, width: 12, height: heightUnits } },
  });
}

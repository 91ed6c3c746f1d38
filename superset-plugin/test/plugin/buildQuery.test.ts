import buildQuery from '../../src/plugin/buildQuery';

const formData = {
  datasource: '5__table',
  viz_type: 'chatbi_ask',
  chatbi_api_url: 'https://chatbi.example.com',
  session_mode: 'conversation',
};

describe('buildQuery', () => {
  it('asks Superset for the dataset columns only when the chart renders', () => {
    const context = buildQuery({ ...formData, result_type: 'full' } as any);
    expect(context.datasource).toEqual({ id: 5, type: 'table' });
    expect(context.result_type).toBe('columns');
    expect(context.queries).toHaveLength(1);
    expect(context.queries[0]).toMatchObject({ columns: [], metrics: [], orderby: [] });
  });

  it('treats a missing result type as a render', () => {
    expect(buildQuery(formData as any).result_type).toBe('columns');
  });

  it.each(['query', 'samples', 'results'])('passes result type %s through for Superset\'s own views', (resultType) => {
    expect(buildQuery({ ...formData, result_type: resultType } as any).result_type).toBe(resultType);
  });

  it('keeps the panel settings in form_data, where Superset saves them', () => {
    const context = buildQuery(formData as any);
    expect(context.form_data).toMatchObject({ chatbi_api_url: 'https://chatbi.example.com', session_mode: 'conversation' });
  });
});

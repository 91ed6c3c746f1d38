import type { Plan } from '@chatbi/contracts';
import { CatalogLoader } from './catalog-loader';
import { assertPlanFitsCatalog } from './plan-catalog.validator';

const yaml = (rowKey: string) => `version: 1
views:
  - name: notes
    description: Notes.
    row_key: ${rowKey}
    columns:
      - { name: note_id, type: integer, role: id, description: Id. }
      - { name: day, type: date, role: time, description: Day. }
      - { name: body, type: string, role: text, description: Text. }
      - { name: kind, type: string, role: dimension, description: Kind. }
      - { name: n, type: integer, role: metric, description: N. }
`;

describe('row_key and semantic operators in the catalog', () => {
  it('loads a row_key naming a column of the view', () => {
    expect(new CatalogLoader().loadSources([{ file: 'notes.yaml', text: yaml('note_id') }]).view('notes')!.rowKey).toBe('note_id');
  });

  it('refuses a row_key that is not a column, or is a metric, naming the file and line', () => {
    expect(() => new CatalogLoader().loadSources([{ file: 'notes.yaml', text: yaml('nope') }])).toThrow(/notes\.yaml:5:\d+ views\.0\.row_key: row_key nope is not a column/);
    expect(() => new CatalogLoader().loadSources([{ file: 'notes.yaml', text: yaml('n') }])).toThrow(/row_key n is a metric/);
  });

  it('accepts a semantic operator on a text column and refuses one on another role or without a row key', () => {
    const catalog = new CatalogLoader().loadSources([{ file: 'notes.yaml', text: yaml('note_id') }]);
    const plan = (column: string): Plan => ({
      view: 'notes', metrics: [{ column: 'n' }], dimensions: [], filters: [], compare: [], order: [],
      semantic: [{ op: 'ai_filter', column, instruction: 'mentions refunds' }],
    });
    expect(() => assertPlanFitsCatalog(plan('body'), catalog)).not.toThrow();
    expect(() => assertPlanFitsCatalog(plan('kind'), catalog)).toThrow(/plan\.semantic\[0\]\.column: kind is a dimension; ai_filter reads a text column \(body\)/);
    expect(() => assertPlanFitsCatalog({ ...plan('body'), compare: [{ kind: 'wow' }] }, catalog)).toThrow(/plan\.compare/);
    const keyless = new CatalogLoader().loadSources([{ file: 'notes.yaml', text: yaml('note_id').replace('    row_key: note_id\n', '') }]);
    expect(() => assertPlanFitsCatalog(plan('body'), keyless)).toThrow(/declares no row_key/);
  });
});

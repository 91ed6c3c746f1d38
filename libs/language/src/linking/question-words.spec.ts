import { CatalogLoader } from '@chatbi/catalog';
import { SchemaLinker } from './schema-linker.service';

const catalog = new CatalogLoader().loadSources([
  {
    file: 'degree.yaml',
    text: `
version: 1
views:
  - name: plays
    description: Plays
    columns:
      - { name: event_day, type: date, role: time, description: Day }
      - name: length
        type: string
        role: dimension
        description: Video length
        aliases: { en: [video length] }
        values:
          - { value: long, label: Long, aliases: { en: [long videos] } }
          - { value: short, label: Short, aliases: { en: [short videos] } }
      - name: tier
        type: string
        role: dimension
        description: Phone tier
        values:
          - { value: high, label: High-end, aliases: { en: [high-end phones] } }
      - { name: watch_time, type: integer, role: metric, agg: sum, description: Watch time, aliases: { en: [watch time] } }
      - { name: rating, type: decimal, role: metric, agg: avg, description: Rating, aliases: { en: [rating] } }
`,
  },
]);
const linked = (question: string) => SchemaLinker.for(catalog).link(question).mentions.map((m) => `${m.text}|${m.column}${m.kind === 'value' ? `=${m.value}` : ''}`);

describe('question words are not values', () => {
  it('reads the word after "how" as the degree asked for, not as an enum value that shares its spelling', () => {
    expect(linked('how long was watch time last month')).toEqual(['watch time|watch_time']);
    expect(linked('and how high is the rating?')).toEqual(['rating|rating']);
  });

  it('still links the same words as values elsewhere, and longer terms that start after "how"', () => {
    expect(linked('watch time of long videos')).toEqual(['watch time|watch_time', 'long videos|length=long']);
    expect(linked('rating on high phones')).toEqual(['rating|rating', 'high|tier=high']);
    expect(linked('how long videos do on watch time')).toEqual(['long videos|length=long', 'watch time|watch_time']);
  });
});

import { SpiderScorer } from './spider-scorer';
import { SpiderSchema } from './spider-schema';
import { SpiderParseError } from './spider-parse.error';
import { parseSpiderSql } from './spider-sql.parser';
import { spiderHardness } from './spider-hardness';
import { foreignKeyMap, type SpiderTablesEntry } from './spider-tables.reader';

const schema = new SpiderSchema({
  singer: ['Singer_ID', 'Name', 'Birth_Year', 'Citizenship'],
  song: ['Song_ID', 'Title', 'Singer_ID', 'Sales'],
});
const entry: SpiderTablesEntry = {
  db_id: 'singer',
  table_names: ['singer', 'song'],
  table_names_original: ['singer', 'song'],
  column_names: [[-1, '*'], [0, 'singer id'], [0, 'name'], [0, 'birth year'], [0, 'citizenship'], [1, 'song id'], [1, 'title'], [1, 'singer id'], [1, 'sales']],
  column_names_original: [[-1, '*'], [0, 'Singer_ID'], [0, 'Name'], [0, 'Birth_Year'], [0, 'Citizenship'], [1, 'Song_ID'], [1, 'Title'], [1, 'Singer_ID'], [1, 'Sales']],
  column_types: ['text', 'number', 'text', 'number', 'text', 'number', 'text', 'number', 'number'],
  primary_keys: [1, 5],
  foreign_keys: [[7, 1]],
};
const scorer = new SpiderScorer(schema, foreignKeyMap(entry));
const hardness = (sql: string) => spiderHardness(parseSpiderSql(sql, schema));

describe('Spider SQL parsing', () => {
  it('reads aliases, joins, aggregates and nested queries into Spider\'s structure', () => {
    const sql = parseSpiderSql('SELECT T1.Name , count(*) FROM singer AS T1 JOIN song AS T2 ON T1.Singer_ID = T2.Singer_ID WHERE T2.Sales > 10 GROUP BY T1.Name', schema);
    expect(sql.from.table_units).toEqual([['table_unit', '__singer__'], ['table_unit', '__song__']]);
    expect(sql.select[1]).toEqual([
      [0, [0, [0, '__singer.name__', false], null]],
      [3, [0, [0, '__all__', false], null]],
    ]);
    expect(sql.where).toEqual([[false, 3, [0, [0, '__song.sales__', false], null], 10, null]]);
    expect(sql.groupBy).toEqual([[0, '__singer.name__', false]]);
    const nested = parseSpiderSql('SELECT Name FROM singer WHERE Singer_ID NOT IN (SELECT Singer_ID FROM song)', schema);
    expect((nested.where[0] as unknown[]).slice(0, 2)).toEqual([true, 8]);
  });

  it('refuses what is outside the subset', () => {
    expect(() => parseSpiderSql('SELECT Nope FROM singer', schema)).toThrow(SpiderParseError);
    expect(() => parseSpiderSql('SELECT Name FROM singer WHERE Name', schema)).toThrow(SpiderParseError);
    expect(() => parseSpiderSql("SELECT Name FROM singer WHERE Name = 'x", schema)).toThrow(SpiderParseError);
  });
});

describe('Spider hardness', () => {
  it.each([
    ['SELECT count(*) FROM singer', 'easy'],
    ['SELECT Name FROM singer WHERE Citizenship != "France"', 'easy'],
    ['SELECT Birth_Year , Citizenship FROM singer', 'medium'],
    ['SELECT Name FROM singer ORDER BY Birth_Year DESC LIMIT 1', 'medium'],
    ['SELECT Name FROM singer WHERE Birth_Year = 1948 OR Birth_Year = 1949', 'medium'],
    ['SELECT Name FROM singer WHERE Singer_ID NOT IN (SELECT Singer_ID FROM song)', 'hard'],
    ['SELECT T1.Name FROM singer AS T1 JOIN song AS T2 ON T1.Singer_ID = T2.Singer_ID GROUP BY T1.Name HAVING count(*) > 1', 'medium'],
    ['SELECT Citizenship FROM singer WHERE Birth_Year < 1945 INTERSECT SELECT Citizenship FROM singer WHERE Birth_Year > 1955', 'hard'],
    ['SELECT Citizenship FROM singer GROUP BY Citizenship ORDER BY count(*) DESC LIMIT 1', 'hard'],
  ])('%s is %s', (sql, level) => expect(hardness(sql)).toBe(level));
});

describe('exact set match and component matching', () => {
  const gold = 'SELECT T1.Name , sum(T2.Sales) FROM singer AS T1 JOIN song AS T2 ON T1.Singer_ID = T2.Singer_ID GROUP BY T1.Name';

  it('ignores values, DISTINCT, aliases and the side of a foreign key', () => {
    expect(scorer.score('SELECT Name FROM singer WHERE Citizenship = "Italy"', 'SELECT Name FROM singer WHERE Citizenship = "France"').exactMatch).toBe(true);
    expect(scorer.score('SELECT DISTINCT Name FROM singer', 'SELECT Name FROM singer').exactMatch).toBe(true);
    expect(scorer.score('SELECT a.Name , sum(b.Sales) FROM singer AS a JOIN song AS b ON a.Singer_ID = b.Singer_ID GROUP BY a.Name', gold).exactMatch).toBe(true);
    expect(
      scorer.score('SELECT count(*) FROM singer AS T1 JOIN song AS T2 ON T1.Singer_ID = T2.Singer_ID WHERE T2.Singer_ID = 1', 'SELECT count(*) FROM singer AS T1 JOIN song AS T2 ON T1.Singer_ID = T2.Singer_ID WHERE T1.Singer_ID = 1').exactMatch,
    ).toBe(true);
  });

  it('fails a wrong aggregate in select but keeps select without aggregation', () => {
    const v = scorer.score(gold.replace('sum(', 'avg('), gold);
    expect(v.exactMatch).toBe(false);
    expect(v.components.select.f1).toBe(0);
    expect(v.components['select(no AGG)'].f1).toBe(1);
  });

  it('fails a wrong operator in where but keeps where without operator', () => {
    const v = scorer.score('SELECT Name FROM singer WHERE Birth_Year < 1950', 'SELECT Name FROM singer WHERE Birth_Year > 1950');
    expect(v.components.where.f1).toBe(0);
    expect(v.components['where(no OP)'].f1).toBe(1);
    expect(v.exactMatch).toBe(false);
  });

  it('scores order direction, limit presence, and/or, set operations and keywords', () => {
    const order = scorer.score('SELECT Name FROM singer ORDER BY Birth_Year ASC LIMIT 1', 'SELECT Name FROM singer ORDER BY Birth_Year DESC LIMIT 1');
    expect(order.components.order.f1).toBe(0);
    expect(order.components.keywords.f1).toBe(0);
    expect(scorer.score('SELECT Name FROM singer ORDER BY Birth_Year DESC LIMIT 5', 'SELECT Name FROM singer ORDER BY Birth_Year DESC LIMIT 1').exactMatch).toBe(true);
    const andOr = scorer.score('SELECT Name FROM singer WHERE Birth_Year = 1 AND Birth_Year = 2', 'SELECT Name FROM singer WHERE Birth_Year = 1 OR Birth_Year = 2');
    expect(andOr.components['and/or'].f1).toBe(0);
    const iuen = scorer.score('SELECT Name FROM singer UNION SELECT Title FROM song', 'SELECT Name FROM singer INTERSECT SELECT Title FROM song');
    expect(iuen.components.IUEN.f1).toBe(0);
    expect(iuen.exactMatch).toBe(false);
  });

  it('scores an unparsable prediction as an empty query', () => {
    const v = scorer.score('SELECT FROM WHERE', 'SELECT Name FROM singer');
    expect(v.predParseError).toBeDefined();
    expect(v.exactMatch).toBe(false);
  });
});

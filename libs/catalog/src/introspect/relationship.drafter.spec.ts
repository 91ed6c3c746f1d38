import type { RelationInfo } from '@chatbi/warehouse';
import { catalogTypeOf } from './column-role.guesser';
import { inferForeignKeys } from './relationship.drafter';

function table(name: string, primaryKey: string[], columns: [string, string][]): RelationInfo {
  return { schema: 'main', name, kind: 'table', primaryKey, foreignKeys: [], columns: columns.map(([n, type]) => ({ name: n, type, nullable: true })) } as RelationInfo;
}

const typeOf = (type: string) => catalogTypeOf(type, { affinity: false });

describe('inferForeignKeys', () => {
  const airlines = table('airlines', ['uid'], [['uid', 'INTEGER'], ['Airline', 'VARCHAR'], ['Country', 'VARCHAR']]);
  const flights = table('flights', ['Airline', 'FlightNo'], [['Airline', 'INTEGER'], ['FlightNo', 'INTEGER'], ['SourceAirport', 'VARCHAR']]);
  const singer = table('singer', ['Singer_ID'], [['Singer_ID', 'INTEGER'], ['Name', 'VARCHAR']]);
  const song = table('song', ['Song_ID'], [['Song_ID', 'INTEGER'], ['Singer_ID', 'INTEGER'], ['Title', 'VARCHAR']]);
  const orders = table('orders', ['id'], [['id', 'INTEGER'], ['customer_id', 'INTEGER'], ['country', 'VARCHAR']]);
  const customers = table('customers', ['id'], [['id', 'INTEGER'], ['name', 'VARCHAR']]);
  const countries = table('countries', ['id'], [['id', 'INTEGER'], ['name', 'VARCHAR']]);

  it('reads a key by its name, and a column named after another table as that table\'s key', () => {
    const inferred = inferForeignKeys([airlines, flights, singer, song, orders, customers], typeOf);
    expect(inferred.get(song)).toEqual([{ columns: ['Singer_ID'], references: { schema: 'main', name: 'singer', columns: ['Singer_ID'] } }]);
    expect(inferred.get(flights)).toEqual([{ columns: ['Airline'], references: { schema: 'main', name: 'airlines', columns: ['uid'] } }]);
    expect(inferred.get(orders)).toEqual([{ columns: ['customer_id'], references: { schema: 'main', name: 'customers', columns: ['id'] } }]);
  });

  it('infers nothing where the types differ or the table names itself', () => {
    // orders.country is text, countries.id a number: a country name, not a key.
    expect(inferForeignKeys([orders, countries], typeOf).get(orders)).toBeUndefined();
    expect(inferForeignKeys([airlines], typeOf).size).toBe(0);
  });
});

import { CatalogLoader } from '@chatbi/catalog';
import type { Plan } from '@chatbi/contracts';
import { OfflinePlanner } from './offline-planner';

// Flights point at their airline and at two airports (where they depart, where they arrive), as `chatbi connect` drafts them.
const catalog = new CatalogLoader().loadSources([
  {
    file: 'flights.yaml',
    text: `
version: 1
views:
  - name: airlines
    description: One row per airline
    aliases: { en: [airline, airlines] }
    row_key: uid
    columns:
      - { name: uid, type: integer, role: id, description: Airline id }
      - { name: airline, type: string, role: dimension, description: Airline name, aliases: { en: [airline, airline name] }, values: [{ value: JetBlue Airways }, { value: United Airlines }] }
      - { name: country, type: string, role: dimension, description: Country, aliases: { en: [country] }, values: [{ value: USA }] }
    virtual_columns:
      - { key: airline_count, expr: count(*), role: metric, type: integer, description: Number of airlines, aliases: { en: [number of airlines, how many airlines] } }
  - name: airports
    description: One row per airport
    aliases: { en: [airport, airports] }
    row_key: airport_code
    columns:
      - { name: airport_code, type: string, role: id, description: Airport code, aliases: { en: [airport code] }, values: [{ value: APG }, { value: ABR }] }
      - { name: city, type: string, role: dimension, description: City, aliases: { en: [city, cities] }, values: [{ value: Aberdeen }, { value: Ashley }] }
    virtual_columns:
      - { key: airport_count, expr: count(*), role: metric, type: integer, description: Number of airports, aliases: { en: [number of airports] } }
  - name: flights
    description: One row per flight
    aliases: { en: [flight, flights] }
    columns:
      - { name: airline, type: integer, role: id, description: Airline }
      - { name: flight_no, type: integer, role: id, description: Flight number, aliases: { en: [flight number, flight numbers] } }
      - { name: source_airport, type: string, role: id, description: Source airport, aliases: { en: [source airport] }, values: [{ value: APG }, { value: ABR }] }
      - { name: dest_airport, type: string, role: id, description: Destination airport, aliases: { en: [destination airport] }, values: [{ value: APG }, { value: ABR }] }
    virtual_columns:
      - { key: flight_count, expr: count(*), role: metric, type: integer, description: Number of flights, aliases: { en: [number of flights, how many flights, count of flights] } }
relationships:
  - { name: source_airport, from: flights, to: airports, keys: [{ from: source_airport, to: airport_code }], aliases: { en: [source airport, departing] } }
  - { name: dest_airport, from: flights, to: airports, keys: [{ from: dest_airport, to: airport_code }], aliases: { en: [dest airport, arriving] } }
  - { from: flights, to: airlines, keys: [{ from: airline, to: uid }] }
`,
  },
]);
const planner = new OfflinePlanner();
const plan = (question: string, view = 'flights'): Plan => planner.planSync({ question, view: catalog.view(view)!, catalog, today: '2026-11-18' }).plan;

describe('OfflinePlanner: reading across relationships', () => {
  it('filters by a column of a view one to-one step away, the end of the movement the verb names', () => {
    expect(plan('How many flights depart from Aberdeen?')).toMatchObject({
      metrics: [{ column: 'flight_count' }],
      filters: [{ column: 'source_airport.city', op: '=', value: 'Aberdeen' }],
    });
    expect(plan('How many flights arrive in City Aberdeen?')).toMatchObject({
      dimensions: [],
      filters: [{ column: 'dest_airport.city', op: '=', value: 'Aberdeen' }],
    });
    expect(plan('How many flights does airline JetBlue Airways have?').filters).toEqual([{ column: 'airlines.airline', op: '=', value: 'JetBlue Airways' }]);
  });

  it('reads each end of a trip from its own preposition', () => {
    expect(plan('How many flights fly from Aberdeen to Ashley?').filters).toEqual(
      expect.arrayContaining([
        { column: 'source_airport.city', op: '=', value: 'Aberdeen' },
        { column: 'dest_airport.city', op: '=', value: 'Ashley' },
      ]),
    );
  });

  it('finds a code among the values of a key, on the side the question names', () => {
    expect(plan('How many flights have destination APG?').filters).toEqual([{ column: 'dest_airport', op: '=', value: 'APG' }]);
    expect(plan('Give the flight numbers of flights leaving from APG.')).toMatchObject({
      rows: { columns: ['flight_no'] },
      filters: [{ column: 'source_airport', op: '=', value: 'APG' }],
    });
  });

  it('keeps the reading of the view alone when it places every word', () => {
    expect(plan('How many airlines are in USA?', 'airlines')).toMatchObject({ metrics: [{ column: 'airline_count' }], filters: [{ column: 'country', value: 'USA' }] });
  });

  it('still asks back about a word neither the view nor its relationships place', () => {
    expect(() => plan('How many flights depart from Lhasa?')).toThrow(expect.objectContaining({ code: 'NEEDS_CLARIFICATION' }));
  });

  it('keeps rows that have, or lack, related rows as an exists condition on the relationship', () => {
    expect(plan('List the airline names that do not have any flights', 'airlines')).toMatchObject({
      rows: { columns: ['airline'] },
      exists: [{ path: 'flights', where: [], negate: true }],
    });
    expect(plan('Which airlines have a flight departing from APG?', 'airlines')).toMatchObject({
      rows: { columns: ['airline'] },
      filters: [],
      exists: [{ path: 'flights', where: [{ column: 'source_airport', op: '=', value: 'APG' }], negate: false }],
    });
  });

  it('lists each value once when the listing asks for distinct ones', () => {
    expect(plan('Show the distinct cities of airports', 'airports').rows).toEqual({ columns: ['city'], distinct: true });
  });
});

import { quoteIdentifier, quoteRelation } from './sql-identifier.util';
import { placeholderFor } from './sql-placeholder.util';

describe('quoteIdentifier / quoteRelation', () => {
  it('quotes plain identifiers', () => {
    expect(quoteIdentifier('event_day')).toBe('"event_day"');
    expect(quoteRelation('main.v_app')).toBe('"main"."v_app"');
    expect(quoteRelation('Events')).toBe('"Events"');
  });

  it.each(['', '1abc', 'a b', 'a"b', 'a;b', "a'b", 'a-b', 'a.b', 'é', 'x'.repeat(200)])('refuses %j as an identifier', (name) => {
    expect(() => quoteIdentifier(name)).toThrow(/not a valid identifier/);
  });

  it.each(['a.b.c', '.a', 'a.', 'a..b'])('refuses %j as a relation', (name) => {
    expect(() => quoteRelation(name)).toThrow(/not a valid/);
  });
});

describe('placeholderFor', () => {
  it('writes each dialect its own way', () => {
    expect(placeholderFor('duckdb', 3)).toBe('$3');
    expect(placeholderFor('postgres', 1)).toBe('$1');
    expect(placeholderFor('mysql', 2)).toBe('?');
    expect(() => placeholderFor('duckdb', 0)).toThrow(RangeError);
  });
});

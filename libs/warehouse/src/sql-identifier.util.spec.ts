import { quoteName, quoteRelation } from './sql-identifier.util';
import { placeholderFor } from './sql-placeholder.util';

describe('quoteName / quoteRelation', () => {
  it('quotes names as the warehouse spells them, for each dialect', () => {
    expect(quoteName('event_day', 'duckdb')).toBe('"event_day"');
    expect(quoteName('Net Worth (M)', 'postgres')).toBe('"Net Worth (M)"');
    expect(quoteName("O'Brien", 'sqlite')).toBe('"O\'Brien"');
    expect(quoteName('Größe', 'mysql')).toBe('`Größe`');
    expect(quoteRelation('main.v_app', 'duckdb')).toBe('"main"."v_app"');
    expect(quoteRelation('Sales.Orders', 'mysql')).toBe('`Sales`.`Orders`');
  });

  it.each(['', 'a"b', 'a`b', 'a.b', 'a\nb', 'a\u0000b', 'x'.repeat(200)])('refuses %j as a name', (name) => {
    expect(() => quoteName(name, 'duckdb')).toThrow(/not a valid identifier/);
    expect(() => quoteName(name, 'mysql')).toThrow(/not a valid identifier/);
  });

  it.each(['a.b.c', '.a', 'a.', 'a..b'])('refuses %j as a relation', (name) => {
    expect(() => quoteRelation(name, 'postgres')).toThrow(/not a valid/);
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

import { mapSql, pickByKeySql, pickSql, sqlList, sqlString, streamId, uniformSql } from './sql-random.helper';

describe('sql-random helpers', () => {
  it('quotes SQL strings and lists', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(sqlList(['a', "b'"])).toBe("['a', 'b''']");
  });

  it('names a stream of draws by seed and tag, stably', () => {
    expect(streamId(42, 'app')).toBe(streamId(42, 'app'));
    expect(streamId(42, 'app')).not.toBe(streamId(43, 'app'));
    expect(streamId(42, 'app')).not.toBe(streamId(42, 'os'));
    expect(uniformSql(1, 'x', 'u_idx')).toContain(`hash(hash(${streamId(1, 'x')}::UBIGINT, u_idx))`);
  });

  it('picks by cumulative normalised weights, the last value taking the rest', () => {
    expect(pickSql('r', { a: 1, b: 1, c: 2 })).toBe("(CASE WHEN r < 0.250000000000 THEN 'a' WHEN r < 0.500000000000 THEN 'b' ELSE 'c' END)");
    expect(pickSql('r', { only: 3, never: 0 })).toBe("'only'");
    expect(() => pickSql('r', { none: 0 })).toThrow(RangeError);
  });

  it('branches picks and maps on another column', () => {
    expect(pickByKeySql('k', 'r', { x: { a: 1 }, y: { b: 1 } })).toBe("(CASE k WHEN 'x' THEN 'a' WHEN 'y' THEN 'b' END)");
    expect(mapSql('k', { x: 1, y: 'z' })).toBe("(CASE k WHEN 'x' THEN 1 WHEN 'y' THEN 'z' ELSE NULL END)");
  });
});

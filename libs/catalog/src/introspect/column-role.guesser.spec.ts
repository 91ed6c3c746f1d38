import { humanize } from './column-description.drafter';
import { catalogTypeOf, looksLikeId, timeColumnScore } from './column-role.guesser';

describe('column guesses', () => {
  it.each([
    ['DATE', 'date'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamp'],
    ['timestamp without time zone', 'timestamp'],
    ['DATETIME', 'timestamp'],
    ['BIGINT', 'integer'],
    ['int4', 'integer'],
    ['HUGEINT', 'integer'],
    ['DECIMAL(18,2)', 'decimal'],
    ['double precision', 'decimal'],
    ['VARCHAR', 'string'],
    ['character varying', 'string'],
    ['BOOLEAN', 'boolean'],
    ['VARCHAR[]', undefined],
    ['STRUCT(a INTEGER)', undefined],
    ['BLOB', undefined],
    ['INTERVAL', undefined],
  ])('maps %s to %s', (type, expected) => {
    expect(catalogTypeOf(type)).toBe(expected);
  });

  it('recognises ids by name', () => {
    expect(['id', 'uid', 'user_id', 'device_key'].every(looksLikeId)).toBe(true);
    expect(['paid', 'video', 'valid', 'idle_time', 'width'].some(looksLikeId)).toBe(false);
  });

  it('prefers well-known day names and dates for the time column', () => {
    expect(timeColumnScore('event_day', 'date')).toBeGreaterThan(timeColumnScore('dt', 'date'));
    expect(timeColumnScore('dt', 'date')).toBeGreaterThan(timeColumnScore('created_date', 'date'));
    expect(timeColumnScore('created_date', 'date')).toBeGreaterThan(timeColumnScore('created_at', 'timestamp'));
    expect(timeColumnScore('created_at', 'date')).toBeGreaterThan(timeColumnScore('created_at', 'timestamp'));
  });

  it('humanizes identifiers', () => {
    expect(humanize('video_play')).toBe('Video play');
    expect(humanize('uid')).toBe('User ID');
    expect(humanize('os')).toBe('OS');
    expect(humanize('pageViews')).toBe('Page views');
    expect(humanize('stay_time_min')).toBe('Stay time min');
  });
});

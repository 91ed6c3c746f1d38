import { findExistenceWords } from './existence.phrases';

describe('findExistenceWords', () => {
  it.each([
    ['list the name of singers that do not have any song', true, 'song'],
    ['which airports have no flights', true, 'flights'],
    ['customers without any orders', true, 'orders'],
    ['names of singers that have songs with sales over 300000', false, 'songs with sales over 300000'],
    ['which airlines have a flight departing from apg', false, 'flight departing from apg'],
  ])('%s', (text, negate, rest) => {
    const [words] = findExistenceWords(text);
    expect(words.negate).toBe(negate);
    expect(text.slice(words.end)).toBe(rest);
  });

  it('finds nothing in a question about rows alone', () => {
    expect(findExistenceWords('how many singers are there')).toEqual([]);
  });
});

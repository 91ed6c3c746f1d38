import { findSortWords } from './sort-order.phrases';

describe('findSortWords', () => {
  it.each([
    ['list the name of singers in ascending order of net worth', 'asc', 'net worth'],
    ['names of singers ordered by descending net worth', 'desc', 'net worth'],
    ['names sorted by age', 'asc', 'age'],
    ['list the cities in descending order by population', 'desc', 'population'],
  ])('%s', (text, dir, key) => {
    const sort = findSortWords(text)!;
    expect(sort.dir).toBe(dir);
    expect(text.slice(sort.keyAt)).toBe(key);
  });

  it('reads a direction said after the column, and nothing without sort words', () => {
    const text = 'names of employees sorted by salary in descending order';
    const sort = findSortWords(text)!;
    expect(sort.dir).toBe('desc');
    expect(sort.tail?.text).toBe('descending order');
    expect(findSortWords('the top 5 cities by plays')).toBeUndefined();
  });
});

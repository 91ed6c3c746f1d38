import { directionOfName, findDirectionWords } from './direction.phrases';

describe('direction words', () => {
  it('reads which end of a movement a word points at', () => {
    expect(findDirectionWords('how many flights fly from aberdeen to ashley').map((w) => [w.text, w.direction])).toEqual([
      ['from', 'source'],
      ['to', 'destination'],
    ]);
    expect(findDirectionWords('flights departing from apg or landing in abr').filter((w) => !w.preposition).map((w) => w.direction)).toEqual(['source', 'destination']);
    expect(findDirectionWords('flights with destination ato')[0]).toMatchObject({ direction: 'destination', preposition: false });
  });

  it('reads which end a column or path is about from its name', () => {
    expect(directionOfName('source_airport.city')).toBe('source');
    expect(directionOfName('dest_airport')).toBe('destination');
    expect(directionOfName('airlines.airline')).toBeUndefined();
    // A word that only contains "to" is not a direction.
    expect(directionOfName('total_amount')).toBeUndefined();
  });
});

import { shiftRange } from './range-shift';

const TODAY = '2025-06-15';

describe('shiftRange', () => {
  it('keeps a calendar period a calendar period when the move is in its unit', () => {
    expect(shiftRange({ kind: 'point', unit: 'day', offset: -1 }, { unit: 'day', n: -1 }, TODAY, 1)).toEqual({ kind: 'point', unit: 'day', offset: -2 });
    expect(shiftRange({ kind: 'point', unit: 'month', offset: -1 }, { unit: 'month', n: -2 }, TODAY, 1)).toEqual({ kind: 'point', unit: 'month', offset: -3 });
  });

  it('moves other ranges by their dates, whole months ending on the month end', () => {
    // The last 7 days up to the latest day (June 14): June 8-14, a week earlier June 1-7.
    expect(shiftRange({ kind: 'last', n: 7, unit: 'day' }, { unit: 'week', n: -1 }, TODAY, 1)).toEqual({ kind: 'absolute', from: '2025-06-01', to: '2025-06-07' });
    // May, one month back: April 1-30.
    expect(shiftRange({ kind: 'point', unit: 'month', offset: -1 }, { unit: 'day', n: 0 }, TODAY, 1)).toEqual({ kind: 'point', unit: 'month', offset: -1 });
    expect(shiftRange({ kind: 'absolute', from: '2025-05-01', to: '2025-05-31' }, { unit: 'month', n: -1 }, TODAY, 1)).toEqual({ kind: 'absolute', from: '2025-04-01', to: '2025-04-30' });
    // A calendar period moved past today leaves the calendar form (the plan schema allows no future offsets).
    expect(shiftRange({ kind: 'point', unit: 'day', offset: -1 }, { unit: 'day', n: 2 }, TODAY, 1)).toEqual({ kind: 'absolute', from: '2025-06-16', to: '2025-06-16' });
  });
});

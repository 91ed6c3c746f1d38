import { PLAN_YEARS, timeRangeSchema } from './plan.schema';

/** Security review, finding 9: plans named dates the engines cannot hold, and the warehouse answered 502. */
describe('timeRangeSchema keeps dates within what every engine holds', () => {
  it.each([
    ['year 0001', { kind: 'absolute', from: '0001-01-01', to: '2024-01-01' }],
    ['a year before PLAN_YEARS', { kind: 'absolute', from: `${PLAN_YEARS.min - 1}-12-31`, to: '2024-01-01' }],
    ['a year after PLAN_YEARS', { kind: 'absolute', from: '2024-01-01', to: `${PLAN_YEARS.max + 1}-01-01` }],
    ['3660 years back', { kind: 'last', n: 3660, unit: 'year' }],
    ['a point 200 years back', { kind: 'point', unit: 'year', offset: -200 }],
    ['more than a century of days', { kind: 'last', n: 3660, unit: 'month' }],
  ])('refuses %s', (_name, range) => {
    const result = timeRangeSchema.safeParse(range);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/from 1900 to 2999|more than a century/);
  });

  it.each([
    ['the first and last plan years', { kind: 'absolute', from: `${PLAN_YEARS.min}-01-01`, to: `${PLAN_YEARS.max}-12-31` }],
    ['the last 3660 days', { kind: 'last', n: 3660, unit: 'day' }],
    ['the last 99 years', { kind: 'last', n: 99, unit: 'year' }],
    ['last year', { kind: 'point', unit: 'year', offset: -1 }],
  ])('accepts %s', (_name, range) => {
    expect(timeRangeSchema.safeParse(range).success).toBe(true);
  });

});

import { addDays, daysBetween } from '@chatbi/contracts';
import { FESTIVALS } from './festival.table';
import { LUNAR_TABLE_YEARS, lunarFestivalDate } from './lunar-festival.table';

const festival = (key: string) => FESTIVALS.find((f) => f.key === key)!;
const YEARS: number[] = [];
for (let y = LUNAR_TABLE_YEARS.first; y <= LUNAR_TABLE_YEARS.last; y++) YEARS.push(y);
/** 0 for Monday. */
const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;

describe('the lunar festival table', () => {
  it.each([
    ['spring festival', '2000-02-05'],
    ['spring festival', '2020-01-25'],
    ['spring festival', '2023-01-22'],
    ['spring festival', '2024-02-10'],
    ['spring festival', '2025-01-29'],
    ['spring festival', '2026-02-17'],
    ['spring festival', '2050-01-23'],
    ['mid-autumn', '2020-10-01'],
    ['mid-autumn', '2023-09-29'],
    ['mid-autumn', '2024-09-17'],
    ['mid-autumn', '2025-10-06'],
    ['qixi', '2024-08-10'],
    ['qixi', '2025-08-29'],
  ] as const)('has %s on %s', (key, date) => {
    expect(lunarFestivalDate(key, Number(date.slice(0, 4)))).toBe(date);
  });

  it('covers 2000-2050 and nothing outside', () => {
    for (const key of ['spring festival', 'mid-autumn', 'qixi'] as const) {
      expect(YEARS.filter((y) => lunarFestivalDate(key, y) === undefined)).toEqual([]);
      expect(lunarFestivalDate(key, 1999)).toBeUndefined();
      expect(lunarFestivalDate(key, 2051)).toBeUndefined();
    }
  });

  // Checks that hold for every row, so a mistyped one shows: lunar months are 29 or 30 days, and a
  // year has 12 of them, or 13 with a leap month.
  it('keeps every row where the lunar calendar can put it', () => {
    const wrong: string[] = [];
    for (const y of YEARS) {
      const newYear = lunarFestivalDate('spring festival', y)!;
      const qixi = lunarFestivalDate('qixi', y)!;
      const midAutumn = lunarFestivalDate('mid-autumn', y)!;
      if (newYear.slice(5) < '01-21' || newYear.slice(5) > '02-20') wrong.push(`${y} Spring Festival ${newYear} outside Jan 21-Feb 20`);
      const next = lunarFestivalDate('spring festival', y + 1);
      if (next && ![353, 354, 355, 383, 384, 385].includes(daysBetween(newYear, next))) wrong.push(`${y} lunar year of ${daysBetween(newYear, next)} days`);
      // 七月初七: six months and six days in, a leap month perhaps between.
      if (daysBetween(newYear, qixi) < 6 * 29 + 6 || daysBetween(newYear, qixi) > 7 * 30 + 6) wrong.push(`${y} Qixi ${qixi}`);
      // 八月十五: a month and eight days after Qixi, a leap seventh month perhaps between.
      if (daysBetween(qixi, midAutumn) < 29 + 8 || daysBetween(qixi, midAutumn) > 2 * 30 + 8) wrong.push(`${y} Mid-Autumn ${midAutumn}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('the festival table', () => {
  it.each([
    ['qingming', 2000, '2000-04-04'],
    ['qingming', 2008, '2008-04-04'],
    ['qingming', 2019, '2019-04-05'],
    ['qingming', 2023, '2023-04-05'],
    ['qingming', 2024, '2024-04-04'],
    ['qingming', 2025, '2025-04-04'],
    ['qingming', 2026, '2026-04-05'],
    ['thanksgiving', 2024, '2024-11-28'],
    ['black friday', 2024, '2024-11-29'],
    ['black friday', 2025, '2025-11-28'],
    ['black friday', 2026, '2026-11-27'],
    ['cyber monday', 2025, '2025-12-01'],
    ["mother's day", 2025, '2025-05-11'],
    ["father's day", 2025, '2025-06-15'],
    ["chinese new year's eve", 2024, '2024-02-09'],
    ["chinese new year's eve", 2025, '2025-01-28'],
    ['lantern festival', 2025, '2025-02-12'],
    ['double 11', 2025, '2025-11-11'],
    ['618', 2025, '2025-06-18'],
  ] as const)('%s %i is %s', (key, year, date) => {
    expect(festival(key).day(year)).toBe(date);
  });

  it('puts Black Friday on the Friday after the fourth Thursday of November, and Qingming on April 4 or 5', () => {
    for (const y of YEARS) {
      const friday = festival('black friday').day(y)!;
      expect(`${y} ${weekday(friday)} ${friday >= `${y}-11-23` && friday <= `${y}-11-29`}`).toBe(`${y} 4 true`);
      expect(['04-04', '04-05']).toContain(festival('qingming').day(y)!.slice(5));
    }
  });

  it('gives the holidays: the golden week, May Day, and the seven days of Spring Festival from its eve', () => {
    expect(festival('national day').holiday!(2026)).toEqual({ from: '2026-10-01', to: '2026-10-07' });
    expect(festival('labour day').holiday!(2026)).toEqual({ from: '2026-05-01', to: '2026-05-05' });
    for (const y of YEARS) {
      const eve = addDays(lunarFestivalDate('spring festival', y)!, -1);
      expect(festival('spring festival').holiday!(y)).toEqual({ from: eve, to: addDays(eve, 6) });
    }
  });
});

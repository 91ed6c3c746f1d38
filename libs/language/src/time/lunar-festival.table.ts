import { isoDate } from './calendar';

/**
 * Gregorian dates of the festivals fixed by the Chinese lunar calendar, 2000-2050, which no
 * arithmetic rule gives: one MMDD per year, ten years a row. Spring Festival (正月初一) was written
 * down from the published calendars; Mid-Autumn (八月十五) and Qixi (七月初七) were taken from a
 * lunar calendar converter. The spec checks well-known dates of each.
 */
export const LUNAR_TABLE_YEARS = { first: 2000, last: 2050 } as const;

export type LunarFestival = 'spring festival' | 'mid-autumn' | 'qixi';

const TABLES: Record<LunarFestival, string> = {
  'spring festival': [
    '0205 0124 0212 0201 0122 0209 0129 0218 0207 0126',
    '0214 0203 0123 0210 0131 0219 0208 0128 0216 0205',
    '0125 0212 0201 0122 0210 0129 0217 0206 0126 0213',
    '0203 0123 0211 0131 0219 0208 0128 0215 0204 0124',
    '0212 0201 0122 0210 0130 0217 0206 0126 0214 0202',
    '0123',
  ].join(' '),
  'mid-autumn': [
    '0912 1001 0921 0911 0928 0918 1006 0925 0914 1003',
    '0922 0912 0930 0919 0908 0927 0915 1004 0924 0913',
    '1001 0921 0910 0929 0917 1006 0925 0915 1003 0922',
    '0912 1001 0919 0908 0927 0916 1004 0924 0913 1002',
    '0920 0910 0928 0917 1005 0925 0915 1004 0922 0911',
    '0930',
  ].join(' '),
  qixi: [
    '0806 0825 0815 0804 0822 0811 0731 0819 0807 0826',
    '0816 0806 0823 0813 0802 0820 0809 0828 0817 0807',
    '0825 0814 0804 0822 0810 0829 0819 0808 0826 0816',
    '0805 0824 0812 0801 0820 0810 0828 0817 0807 0826',
    '0814 0803 0822 0811 0731 0819 0808 0827 0816 0805',
    '0823',
  ].join(' '),
};

const DATES: Record<LunarFestival, string[]> = {
  'spring festival': TABLES['spring festival'].split(' '),
  'mid-autumn': TABLES['mid-autumn'].split(' '),
  qixi: TABLES.qixi.split(' '),
};

/** The festival's date in the year, or undefined outside the table. */
export function lunarFestivalDate(festival: LunarFestival, year: number): string | undefined {
  const mmdd = DATES[festival][year - LUNAR_TABLE_YEARS.first];
  return mmdd === undefined ? undefined : isoDate(year, Number(mmdd.slice(0, 2)), Number(mmdd.slice(2)));
}

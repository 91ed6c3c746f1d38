import type { PeriodUnit } from '@chatbi/contracts';

/** Period unit words in English (with the chat abbreviations wk, mo, mth, qtr, yr) and Chinese, and the regex groups that capture them. */
export const EN_UNITS: Record<string, PeriodUnit> = {
  day: 'day', days: 'day', week: 'week', weeks: 'week', wk: 'week', wks: 'week',
  month: 'month', months: 'month', mo: 'month', mos: 'month', mth: 'month', mths: 'month',
  quarter: 'quarter', quarters: 'quarter', qtr: 'quarter', qtrs: 'quarter', year: 'year', years: 'year', yr: 'year', yrs: 'year',
};
export const ZH_UNITS: Record<string, PeriodUnit> = {
  天: 'day', 日: 'day', 周: 'week', 星期: 'week', 礼拜: 'week', 月: 'month', 季度: 'quarter', 季: 'quarter', 年: 'year',
};
export const EN_UNIT = '(days?|weeks?|wks?|months?|mos?|mths?|quarters?|qtrs?|years?|yrs?)';
export const ZH_UNIT = '(天|日|周|星期|礼拜|月|季度|季|年)';

import { addDays, type DateSpan } from '@chatbi/contracts';
import { isoDate, nthWeekdayOfMonth } from './calendar';
import { LUNAR_TABLE_YEARS, lunarFestivalDate } from './lunar-festival.table';

/**
 * The days analysts name, in English and Chinese. A name reads as the day, or as the holiday
 * around it where there is a fixed one (国庆 is the golden week, Oct 1-7; 春节假期 the seven days
 * from 除夕). `day` is undefined for a year the tables do not reach.
 */
export interface Festival {
  key: string;
  /** Regex source of its names in normalised text: lower case, and 十一 or 五一 may read 11 or 51 before 期间. */
  names: string;
  day: (year: number) => string | undefined;
  /** The holiday named with 假期, 期间, 黄金周 or "holiday"; without one those read as the day. */
  holiday?: (year: number) => DateSpan | undefined;
  /** What the name alone means. */
  bare: 'day' | 'holiday';
  /** A number as a name (618, 520) reads as the festival only beside a qualifier, a suffix or a word in `context`. */
  context?: string;
}

const fixed = (month: number, day: number) => (year: number) => isoDate(year, month, day);
const days = (from: (year: number) => string | undefined, n: number) => (year: number) => {
  const first = from(year);
  return first === undefined ? undefined : { from: first, to: addDays(first, n - 1) };
};
const within = (first: number, last: number, date: (year: number) => string | undefined) => (year: number) =>
  year >= first && year <= last ? date(year) : undefined;

const daysAfter = (date: (year: number) => string | undefined, n: number) => (year: number) => {
  const day = date(year);
  return day === undefined ? undefined : addDays(day, n);
};

const springFestival = (year: number) => lunarFestivalDate('spring festival', year);
const newYearsEve = daysAfter(springFestival, -1);
/** The fourth Thursday of November. */
const thanksgiving = (year: number) => nthWeekdayOfMonth(year, 11, 3, 4);
/**
 * Qingming, a solar term: April 4 or 5, by the published rule for the 21st century (the day is
 * [Y * 0.2422 + 4.81] - [Y / 4], Y the year's last two digits); the spec checks it against known years.
 */
const qingming = (year: number) => {
  const y = year % 100;
  return isoDate(year, 4, Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4));
};

const APOSTROPHE = "['’]?";
const NUMBER_CONTEXT = '大促|购物节|年中大促|活动|期间|当天|那天|的|sales?|festival|shopping|promo(?:tion)?s?|day';

export const FESTIVALS: readonly Festival[] = [
  { key: "new year's day", names: `元旦节?|new year${APOSTROPHE}s? day`, day: fixed(1, 1), bare: 'day' },
  { key: "new year's eve", names: `new year${APOSTROPHE}s? eve|跨年夜`, day: fixed(12, 31), bare: 'day' },
  { key: "valentine's day", names: `(?:西方)?情人节|(?:st\\.? )?valentine${APOSTROPHE}s? day`, day: fixed(2, 14), bare: 'day' },
  { key: "women's day", names: `(?:international )?women${APOSTROPHE}s? day|(?:三八|38)?妇女节|女神节`, day: fixed(3, 8), bare: 'day' },
  { key: '520', names: '520|网络情人节', day: fixed(5, 20), bare: 'day', context: `情人节|${NUMBER_CONTEXT}` },
  { key: "children's day", names: `children${APOSTROPHE}s? day|(?:六一|61)?儿童节`, day: fixed(6, 1), bare: 'day' },
  { key: '618', names: '618', day: fixed(6, 18), bare: 'day', context: NUMBER_CONTEXT },
  { key: 'halloween', names: 'halloween|万圣夜|万圣节前夜', day: fixed(10, 31), bare: 'day' },
  { key: 'double 11', names: `双十一|双11|double (?:11|eleven)|singles${APOSTROPHE} day|single${APOSTROPHE}s day|光棍节`, day: fixed(11, 11), bare: 'day' },
  { key: 'double 12', names: '双十二|双12|double (?:12|twelve)', day: fixed(12, 12), bare: 'day' },
  { key: 'christmas eve', names: 'christmas eve|x-?mas eve|平安夜|圣诞(?:节)?前夜|圣诞夜', day: fixed(12, 24), bare: 'day' },
  { key: 'christmas', names: 'christmas(?: day)?|x-?mas(?: day)?|圣诞节?', day: fixed(12, 25), bare: 'day' },
  { key: 'thanksgiving', names: 'thanksgiving(?: day)?|感恩节', day: thanksgiving, bare: 'day' },
  { key: 'black friday', names: 'black friday|黑色星期五|黑五', day: daysAfter(thanksgiving, 1), bare: 'day' },
  { key: 'cyber monday', names: 'cyber monday|网络星期一', day: daysAfter(thanksgiving, 4), bare: 'day' },
  { key: "mother's day", names: `mother${APOSTROPHE}s? day|母亲节`, day: (year) => nthWeekdayOfMonth(year, 5, 6, 2), bare: 'day' },
  { key: "father's day", names: `father${APOSTROPHE}s? day|父亲节`, day: (year) => nthWeekdayOfMonth(year, 6, 6, 3), bare: 'day' },
  {
    key: 'labour day',
    names: `(?:五一|51)?劳动节|五一|51(?=期间|假期|长假|小长假|黄金周|当天)|may day|international (?:labou?r|workers${APOSTROPHE}) day|labour day`,
    day: fixed(5, 1),
    holiday: days(fixed(5, 1), 5),
    bare: 'holiday',
  },
  {
    key: 'national day',
    names: '国庆(?:节)?(?:黄金周)?|(?:十一|11)黄金周|(?:十一|11)(?=假期|长假|小长假|期间)|golden week|(?:china[\'’]?s )?national day(?: golden week)?',
    day: fixed(10, 1),
    holiday: days(fixed(10, 1), 7),
    bare: 'holiday',
  },
  {
    key: "chinese new year's eve",
    names: `除夕夜?|大年(?:三十|30)|年(?:三十|30)晚?|(?:chinese|lunar) new year${APOSTROPHE}s? eve`,
    day: newYearsEve,
    bare: 'day',
  },
  {
    key: 'spring festival',
    names: '春节|过年|大年初(?:一|1)|农历新年|新春|(?:chinese|lunar) new year|spring festival',
    day: springFestival,
    holiday: days(newYearsEve, 7),
    bare: 'day',
  },
  { key: 'lantern festival', names: '元宵节?|lantern festival', day: daysAfter(springFestival, 14), bare: 'day' },
  { key: 'qingming', names: '清明节?|qingming(?: festival)?|tomb[- ]?sweeping day', day: within(LUNAR_TABLE_YEARS.first, LUNAR_TABLE_YEARS.last, qingming), bare: 'day' },
  { key: 'mid-autumn', names: '中秋节?|mid[- ]?autumn(?: festival)?|moon(?:cake)? festival', day: (year) => lunarFestivalDate('mid-autumn', year), bare: 'day' },
  { key: 'qixi', names: `七夕(?:节|情人节)?|qixi(?: festival)?|double seventh(?: festival)?|chinese valentine${APOSTROPHE}s? day`, day: (year) => lunarFestivalDate('qixi', year), bare: 'day' },
];

/** Festivals analysts name that no table here has: read as time words that could not be placed. */
export const UNTABLED_FESTIVALS =
  '端午节?|重阳节?|腊八节?|冬至|小年|寒食节?|开斋节|dragon boat(?: festival)?|easter(?: sunday| monday)?|diwali|ramadan|eid(?: al-fitr| al-adha)?|hanukkah|passover|labor day|prime day|boxing day|new year';

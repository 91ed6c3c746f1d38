import type { Language } from './catalog-lexicon';

/**
 * Time, grain and comparison phrases the language library reads, in both languages. The spec
 * checks that each one parses, so that every generated question is one the planner can answer.
 */
export const TIME_PHRASES: Record<Language, readonly string[]> = {
  en: [
    'yesterday', 'today', 'last week', 'this week', 'last month', 'this month', 'this year', 'last year', 'last quarter',
    'over the last 7 days', 'in the past 30 days', 'the last 3 days', 'last 14 days', 'past two weeks', 'last 2 months',
    'the day before yesterday', 'year to date', 'month to date', 'so far this month', 'in the last 90 days',
    'over the past 6 months', 'the last 5 days', 'in March', 'on May 3', 'from May 1 to May 7',
  ],
  zh: [
    '昨天', '今天', '上周', '本周', '上个月', '本月', '今年', '去年', '上季度', '近7天', '过去30天', '最近3天', '近14天',
    '近两周', '近三个月', '前天', '本月至今', '最近一周', '最近一个月', '上上周', '3月份', '5月1日到5月7日', '近90天', '这个月',
  ],
};

export const GRAIN_PHRASES: Record<Language, readonly string[]> = {
  en: ['daily', 'by day', 'weekly', 'by week', 'per month', 'monthly', 'day by day'],
  zh: ['按天', '每天', '按周', '每周', '分月', '按月', '逐日'],
};

export const COMPARISON_PHRASES: Record<Language, readonly string[]> = {
  en: [
    'week over week', 'day-over-day change', 'compared with last week', 'year on year', 'month over month', 'vs last week',
    'vs the same period last year', 'wow', 'dod', 'yoy', 'versus the previous day',
  ],
  zh: ['日环比', '周同比', '同比', '环比', '月环比', '较上周', '和去年同期比', '日环比和周同比', '同比变化', '较昨天'],
};

export const RANK_COUNTS: Record<Language, readonly string[]> = {
  en: ['3', '5', '10', 'three', 'five', 'ten'],
  zh: ['3', '5', '10', '三', '五', '十'],
};

/** Turns that name neither a metric nor a dimension: always follow-ups or small talk. */
export const SMALL_TALK: Record<Language, readonly string[]> = {
  en: [
    'thanks', 'thank you', 'ok', 'okay cool', 'why', 'why did it drop', 'what does this mean', 'explain that', 'more detail',
    'again', 'hmm', 'and?', 'same as before', 'keep going', 'undo that', 'never mind', 'is that right', 'great, thanks',
    'show the chart', 'what else', 'hello', 'can you help me', 'that looks wrong', 'as a table', 'sorted descending',
  ],
  zh: [
    '谢谢', '好的', '为什么', '为啥下降了', '这是什么意思', '解释一下', '详细点', '再来一次', '嗯', '然后呢', '和之前一样',
    '继续', '撤销', '算了', '对吗', '好的谢谢', '画个图', '还有呢', '你好', '帮帮我', '感觉不对', '用表格', '降序排列',
  ],
};

/** Words around a question that change nothing in it. */
export const OPENERS: Record<Language, readonly string[]> = {
  en: ['', '', '', 'show me', 'show', 'what is the', 'what was the', 'give me', 'i want to see', 'tell me', 'check', 'pull up', 'can you show', 'please show', 'get me', 'look at', 'report'],
  zh: ['', '', '', '帮我看下', '查一下', '请问', '看看', '统计一下', '我想看', '给我', '帮我查', '看一下', '拉一下'],
};

export const CLOSERS: Record<Language, readonly string[]> = {
  en: ['', '', '', '?', ' please', ' now', ' for me'],
  zh: ['', '', '', '是多少', '怎么样', '？', '如何', '多少', '情况'],
};

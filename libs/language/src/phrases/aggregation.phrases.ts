import type { Aggregation } from '@chatbi/contracts';
import { matchRules, phrase, type PhraseRule } from '../text/phrase-rule';
import { selectLongest, type TextSpan } from '../text/text-span';

/** A word asking for one aggregation of a column: "average salary", "the highest price", "number of distinct creators". */
export interface AggregationWord extends TextSpan {
  agg: Aggregation;
  /** 多少条, 几次: a count of records or events (the view's rows), never of the noun that follows. */
  records?: boolean;
}

const RULES: PhraseRule<Aggregation | 'records'>[] = [
  { pattern: phrase('多少(?:条|次|篇|笔|单)|(?<!哪)几(?:条|次|篇|笔|单)|的?(?:数量|条数|总数|笔数)(?:是多少)?$'), build: () => 'records' },
  { pattern: phrase('average|avg|mean|on average'), build: () => 'avg' },
  { pattern: phrase('平均|均值|平均值'), build: () => 'avg' },
  { pattern: phrase('maximum|max|highest|largest|biggest|greatest|peak|most expensive|oldest|longest'), build: () => 'max' },
  { pattern: phrase('最大值|最高值|最大|最高|峰值|最长|最贵|最多'), build: () => 'max' },
  { pattern: phrase('minimum|min|lowest|smallest|least|cheapest|youngest|shortest'), build: () => 'min' },
  { pattern: phrase('最小值|最低值|最小|最低|最短|最便宜|最少'), build: () => 'min' },
  { pattern: phrase('(?:number|count|total number|amount) of (?:distinct|different|unique)|how many (?:distinct|different|unique)|distinct|unique|different'), build: () => 'count_distinct' },
  { pattern: phrase('多少(?:个|种|位)?不同的?|不同的|去重后?的?|去重|独立的?'), build: () => 'count_distinct' },
  { pattern: phrase('(?:total )?number of|count of|how many|count'), build: () => 'count' },
  { pattern: phrase('多少(?:个|位|家|名|种|人)|(?<!哪)几(?:个|位|家|名|种)|个数|数目'), build: () => 'count' },
  { pattern: phrase('sum of|summed|total'), build: () => 'sum' },
  { pattern: phrase('总和|总计|合计|总'), build: () => 'sum' },
];

export function findAggregationWords(text: string): AggregationWord[] {
  return selectLongest(matchRules(text, RULES)).map((m) =>
    m.value === 'records' ? { start: m.start, end: m.end, text: m.text, agg: 'count' as const, records: true } : { start: m.start, end: m.end, text: m.text, agg: m.value },
  );
}

import type { Catalog, CatalogColumn, CatalogView } from '@chatbi/catalog';
import type { Grain, PlanFilter, PlanSemantic } from '@chatbi/contracts';
import {
  SchemaLinker,
  asksForOne,
  contentWords,
  uncoveredWords,
  compareOutputOf,
  findCompareOutputWords,
  rowUnitMarker,
  findListingWords,
  findSortWords,
  isEnglishStopword,
  findContrastWords,
  findNewTopicWords,
  findPerPeriodPhrases,
  findUnanswerablePhrases,
  findGroupByMarkers,
  findNegations,
  findNumericConditions,
  findReplacementWords,
  findTopN,
  findTotalWords,
  findTrendWords,
  findSemanticPhrases,
  maskSpans,
  normalizeText,
  parseTimeExpressions,
  spansOverlap,
  type GroupByMarker,
  type NumericCondition,
  type TextSpan,
  type TimeExpressions,
} from '@chatbi/language';
import { type MentionGroup, type ResolvedMention, groupMentions, resolveMention } from './mention-meaning.resolver';
import { isFillerGap, near, wordCount } from './phrase-distance';
import type { Guess, QuestionSlots } from './question-slots';
import { unusedWords } from '@chatbi/language';
import { readValueFilters } from './value-filter.reader';
import { readMetricWords } from './metric-words.reader';
import { viewCountMetric } from './view-count.metric';
import { readDirections } from './direction.reader';
import { distinctBefore, readSortKey } from './row-order.reader';
import { readCombined } from './combined-dimension.reader';
import { holdsEntityRows } from './entity-rows';

/**
 * Reads a question against ONE view: which of its metrics, dimensions, enum values and time
 * phrases the question names. Everything it returns is a catalog identifier or catalog value,
 * a number parsed from the text, or a time range; no free text of the question passes through.
 */
export function readQuestion(question: string, view: CatalogView, catalog: Catalog, today: string): QuestionSlots {
  const text = normalizeText(question);
  const guesses: Guess[] = [];
  const linked = SchemaLinker.for(catalog).link(text, { views: [view.name], normalized: true });
  const settled = settleTime(text, groupMentions(linked.mentions), today);
  // "average daily searches", 日均DAU: the day word is a per-day roll-up, not a daily series.
  // The time column's own name ("day") is a word of these phrases ("highest single day"), not a term to set aside.
  const timeColumns = new Set(view.columns.filter((c) => c.role === 'time').map((c) => c.name));
  const namesTimeColumn = (g: MentionGroup) => g.mentions.every((m) => m.kind === 'column' && timeColumns.has(m.column));
  const perPeriod = findPerPeriodPhrases(maskSpans(text, settled.groups.filter((g) => !namesTimeColumn(g))));
  const time = withoutGrainInside(settled.time, perPeriod);
  const unanswerable = findUnanswerablePhrases(text)[0];
  const newTopic = findNewTopicWords(text);
  // An enum value inside a counted ranking ("top 5", where top is also a creator tier) is the ranking.
  const rankings = findTopN(maskSpans(text, time.matches)).filter((t) => t.n !== undefined);
  const ranked = settled.groups.filter((g) => !(g.mentions.every((m) => m.kind === 'value') && rankings.some((t) => spansOverlap(t, g))));

  // Phrase finders see the text with time phrases, numeric conditions and catalog terms blanked out.
  // Words of terms the question scatters ("videos ... publish") belong to those terms.
  const scattered = linked.mentions.flatMap((m) => m.parts ?? []);
  const withoutTime = maskSpans(text, [...time.matches, ...perPeriod, ...newTopic, ...scattered]);
  // What the rows' text says ("complained about login"): catalog terms inside such a phrase are its subject, not filters.
  const semantic = readSemantic(withoutTime, ranked, view);
  const groups = ranked.filter((g) => !semantic.phrases.some((p) => spansOverlap(p, g)));
  // A span read as an enum value ("women over 50": age group over_50) is not also a condition on a metric.
  const valueSpans = groups.filter((g) => g.mentions.every((m) => m.kind === 'value'));
  const conditions = findNumericConditions(maskSpans(withoutTime, semantic.phrases)).filter((c) => !valueSpans.some((v) => spansOverlap(v, c)));
  const sort = findSortWords(withoutTime);
  const sortSpans = sort ? [sort, ...(sort.tail ? [sort.tail] : [])] : [];
  const phraseText = maskSpans(withoutTime, [...conditions, ...groups, ...semantic.phrases, ...sortSpans]);
  const markers = findGroupByMarkers(phraseText);
  const topN = findTopN(phraseText);
  const totals = findTotalWords(phraseText);
  const contrasts = findContrastWords(phraseText);
  const replacements = findReplacementWords(phraseText);
  const trends = findTrendWords(phraseText);
  // Compare words may sit inside the time phrase that names the other period ("compared with the week before").
  const compareWords = findCompareOutputWords(maskSpans(text, [...perPeriod, ...newTopic, ...scattered, ...conditions, ...groups, ...semantic.phrases]));
  const used: TextSpan[] = [
    ...time.matches, ...groups, ...totals, ...topN, ...contrasts, ...replacements, ...trends, ...semantic.phrases, ...perPeriod, ...newTopic,
    ...(unanswerable ? [unanswerable] : []), ...(time.compare.length > 0 ? compareWords : []), ...scattered,
  ];

  const read = resolveMentions(text, groups, markers, guesses, used);
  read.push(...readHeadNounDimensions(phraseText, markers, read, view, guesses, used));
  read.sort((a, b) => a.start - b.start);
  // "of any creator", 单条反馈: the rows an extreme is taken over, not a breakdown nor a metric.
  for (const mention of [...read]) {
    const marker = mention.meaning.type === 'value' ? undefined : rowUnitMarker(text, mention);
    if (!marker) continue;
    read.splice(read.indexOf(mention), 1);
    used.push(marker);
  }
  readDirections(text, read, view, used, guesses);
  const sortKey = sort ? readSortKey(text, sort, read) : undefined;
  if (sortKey) used.push(...sortSpans);
  readEntities(read, topN.length > 0 || asksForOne(text) || conditions.length > 0);
  readFlags(text, read, view);
  readCombined(text, read, used);
  const ratioHeads = readRatioHeads(text, read);
  // "the highest price of any product": a superlative with nothing to rank (no count, no "which",
  // no groups) asks for the aggregate; "the 3 highest ...", "which city has the highest ..." rank.
  const grouped = markers.length > 0 || read.some((g) => g.meaning.type === 'dimension');
  const superlativeIsAggregate =
    topN.length > 0 && topN.every((t) => t.n === undefined) && !asksForOne(text) && !grouped && read.some((g) => g.meaning.type === 'metric');
  const ranking = superlativeIsAggregate ? [] : topN;
  const metricsRead = readMetrics(text, read, conditions, used, view);
  const valueFilters = readValueFilters(text, read, findNegations(phraseText), used);
  const words = readMetricWords({
    text,
    phraseText,
    read,
    view,
    metrics: metricsRead.metrics,
    filters: uniqueBy([...valueFilters, ...metricsRead.conditionFilters], (f) => JSON.stringify(f)),
    perPeriod,
    ranking,
    ratioHeads,
    used,
  });
  const { metrics, filters } = words;

  const dimensions = readDimensions(read.filter((g) => !words.consumed.has(g)), filters, contrasts.length > 0);
  const hasDimensions = dimensions.length > 0;
  const explicitGrain = time.grain !== undefined;
  // One figure per group: a total or a count, a ranking, a per-day average, a rate made of two
  // aggregates, or groups named without a series word ("search clicks last month by OS"). A bare
  // metric over several days stays a series.
  const oneFigure = totals.length > 0 || words.asksCount || ranking.length > 0 || perPeriod.length > 0 || words.composed || words.aggregated;
  const slots: QuestionSlots = {
    metrics,
    asksCount: words.asksCount,
    dimensions,
    // "by city instead", 换成按城市; and "what about by OS?", 按操作系统呢 (a different breakdown asked in its place),
    // unless it says "also" / 再 / 也.
    replaceDimensions: replacements.length > 0 || (swapsInPlace(text) && !/(?<![a-z])(?:also|too|as well|additionally)(?![a-z])|再|也|同时|加上/.test(text)),
    filters,
    range: time.range,
    ...(time.shift ? { shift: time.shift } : {}),
    grain: whichPeriod(text) ?? readGrain(time, read, view, guesses),
    noGrain: trends.length === 0 && !explicitGrain && !whichPeriod(text) && oneFigure,
    // Values set side by side ("男女对比", "ios vs android") keep a series; other groups are one figure each.
    groupsOnly: trends.length === 0 && !explicitGrain && hasDimensions && contrasts.length === 0,
    series: trends.length > 0,
    compare: time.compare,
    ...(compareOutputOf(compareWords) ? { compareOutput: compareOutputOf(compareWords) } : {}),
    newTopic: newTopic.length > 0,
    shareOfPrevious: words.shareOfPrevious,
    ...(unanswerable ? { unanswerable: { reason: unanswerable.reason, phrase: unanswerable.text } } : {}),
    semantic: semantic.operators,
    guesses,
    unusedWords: [],
    unplacedValues: [],
    valueColumns: Object.fromEntries(
      read.flatMap((g) => (g.meaning.type === 'value' && g.meaning.others ? [[g.meaning.column, g.meaning.others] as const] : [])),
    ),
    orphanConditions: metricsRead.orphans,
  };
  const listing = findListingWords(text);
  // "the name of the singer with the largest net worth": entity rows ranked by one of their own columns.
  const rankedBy = listing && ranking.length > 0 ? rowRankColumn(text, read, ranking, metrics, view) : undefined;
  const figure = totals.length > 0 || words.asksCount || perPeriod.length > 0 || words.composed || words.aggregated;
  const listable = rankedBy ? !figure : !oneFigure && topN.length === 0;
  const listed = listing && listable && time.compare.length === 0 && trends.length === 0 && semantic.operators.length === 0
    ? listColumns(read, rankedBy ? metrics.filter((m) => m.column !== rankedBy) : metrics, dimensions, view, time.range !== undefined, rankedBy)
    : [];
  if (listing && listed.length > 0) {
    slots.listColumns = listed;
    used.push(listing);
    const distinct = distinctBefore(text, read, listed);
    if (distinct) {
      slots.listDistinct = true;
      used.push(distinct);
    }
  }
  if (sortKey && slots.listColumns) {
    slots.order = { by: sortKey, dir: sort!.dir };
  } else if (rankedBy && slots.listColumns) {
    const first = ranking.find((t) => t.n !== undefined) ?? ranking[0];
    slots.order = { by: rankedBy, dir: (ranking.find((t) => !t.countOnly) ?? first).dir };
    slots.limit = first.n ?? 1;
  } else if (ranking.length > 0) {
    const first = ranking.find((t) => t.n !== undefined) ?? ranking[0];
    const direction = ranking.find((t) => !t.countOnly) ?? first;
    slots.order = { by: orderMetric(text, read, ranking), dir: direction.dir };
    const limit = first.n ?? (asksForOne(text) ? 1 : undefined);
    if (limit !== undefined) slots.limit = limit;
  }
  slots.unusedWords = unusedWords(text, used);
  slots.unplacedValues = valuesNotInColumn(text, read, used);
  return slots;
}

/**
 * "the TV app", "Windows系统": a word right before a dimension's name, as its modifier, that is none
 * of its values names a value the column does not have; answering without it would answer for
 * every value. (A word after the name is most often a verb: "which app earned the most".)
 */
function valuesNotInColumn(text: string, read: readonly ResolvedMention[], used: readonly TextSpan[]): string[] {
  const labels = read.filter((g) => g.meaning.type === 'dimension' && !g.afterMarker);
  const out: string[] = [];
  for (const word of unusedWords(text, used).length > 0 ? uncoveredWords(text, used) : []) {
    const modifies = labels.some((g) => word.end <= g.start && /^\s*(?:the\s+)?$|^\s*的?\s*$/.test(text.slice(word.end, g.start)));
    if (modifies && !isEnglishStopword(word.text) && contentWords([word.text], () => false).length > 0) out.push(word.text);
  }
  return out;
}

/** Time readings without a grain that a per-day roll-up phrase holds ("average daily": no daily series). */
function withoutGrainInside(time: TimeExpressions, perPeriod: readonly TextSpan[]): TimeExpressions {
  const inside = time.matches.filter((m) => m.kind === 'grain' && perPeriod.some((p) => spansOverlap(p, m)));
  if (inside.length === 0) return time;
  const matches = time.matches.filter((m) => !inside.includes(m));
  const grain = matches.find((m) => m.kind === 'grain');
  return { ...time, matches, grain: grain ? time.grain : undefined };
}

/**
 * A yes/no column named without "by" ("resolved feedback", 已认证作者, "logged in users") keeps the
 * rows where it holds (a negation nearby turns it to those where it does not); after "by" it groups.
 */
function readFlags(text: string, read: ResolvedMention[], view: CatalogView): void {
  // "split by whether verified", 按是否认证, "verified vs not": the column's two values side by side.
  const asGroups = /(?<![a-z])(?:whether|or not|vs|versus)(?![a-z])|是否|与否|对比/.test(text);
  for (const g of read) {
    if (g.meaning.type !== 'dimension' || asGroups) continue;
    const column = view.columns.find((c) => c.name === (g.meaning as { column: string }).column);
    if (column?.type !== 'boolean') continue;
    // "unverified", "non-verified", 未认证, 非认证: the rows where it does not hold.
    const negated = /^(?:un|non-?|not\s)/.test(g.text) && !g.mentions.some((m) => /^(?:un|non|not)/.test(m.term)) || /(?:未|非|不|没)$/.test(text.slice(Math.max(0, g.start - 1), g.start));
    g.meaning = { type: 'value', column: column.name, value: !negated };
  }
}

/**
 * "what share of plays ...", "the ratio of A to B": a metric term that is only a ratio's head word
 * (the "shares" metric matches "share") followed by "of" and another metric is the ratio's word.
 */
function readRatioHeads(text: string, read: ResolvedMention[]): TextSpan[] {
  const heads: TextSpan[] = [];
  for (const g of read) {
    if (g.meaning.type !== 'metric' || !/^(?:share|proportion|ratio|percentage|fraction)$/.test(g.text)) continue;
    if (!/^\s+of\s/.test(text.slice(g.end))) continue;
    if (read.some((o) => o !== g && o.start > g.end && o.meaning.type === 'metric')) {
      g.meaning = { type: 'other' };
      heads.push({ start: g.start, end: g.end + /^\s+of/.exec(text.slice(g.end))![0].length, text: `${g.text} of` });
    }
  }
  return heads;
}

/**
 * Entities: an id (author, video) or text column (search query) named in a ranking, after "each"
 * or "which", is a dimension to group by ("top 5 videos by plays", 播放量最高的10个视频).
 */
function readEntities(read: ResolvedMention[], grouping: boolean): void {
  if (!grouping) return;
  for (const g of read) {
    if (g.meaning.type !== 'other') continue;
    const entity = g.mentions.find((m) => m.kind === 'column' && (m.role === 'id' || m.role === 'text'));
    if (entity) g.meaning = { type: 'dimension', column: entity.column };
  }
}

/**
 * Semantic phrases on the view's text column. A strong one ("mentioning", "complained about", 抱怨)
 * holds whatever follows; a bare "about Y" only when Y names nothing in the catalog. Without a text
 * column and a row key the view cannot judge rows, and the words stay unused.
 */
function readSemantic(text: string, groups: MentionGroup[], view: CatalogView): { phrases: TextSpan[]; operators: PlanSemantic[] } {
  const column = view.columns.find((c) => c.role === 'text');
  if (!column || !view.rowKey) return { phrases: [], operators: [] };
  const phrases = findSemanticPhrases(text).filter((p) => !p.weak || !groups.some((g) => spansOverlap(g, p.subject)));
  const operators = phrases.slice(0, 3).map((p): PlanSemantic =>
    p.op === 'classify'
      ? { op: 'ai_classify', column: column.name, instruction: p.instruction, labels: p.labels }
      : { op: 'ai_filter', column: column.name, instruction: p.instruction },
  );
  // At most one classification per plan: the first one named.
  const firstClassify = operators.findIndex((o) => o.op === 'ai_classify');
  const kept = operators.filter((o, i) => o.op !== 'ai_classify' || i === firstClassify);
  return { phrases: phrases.map(({ start, end, text: t }) => ({ start, end, text: t })), operators: kept };
}

/**
 * Time phrases and catalog terms may overlap: the longer wins, time on a tie. A catalog term such
 * as "daily active users" hides the grain word "daily" inside it, so the time phrases are read
 * again without it; mentions inside a time phrase ("days" in "the last 7 days") are dropped.
 */
function settleTime(text: string, groups: MentionGroup[], today: string): { time: TimeExpressions; groups: MentionGroup[] } {
  let time = parseTimeExpressions(text, today, { normalized: true });
  const longer = groups.filter((g) => time.matches.some((m) => spansOverlap(m, g) && g.end - g.start > m.end - m.start));
  if (longer.length > 0) time = parseTimeExpressions(maskSpans(text, longer), today, { normalized: true });
  // A term that straddles a time phrase's edge (上周日活: 上周日 "last Sunday" and 日活 "DAU") is read
  // whole when the rest still reads as a time phrase (上周): a reading that keeps both beats one that loses a term.
  const straddling = groups.filter((g) => time.matches.some((m) => spansOverlap(m, g) && !contains(m, g) && !contains(g, m)));
  if (straddling.length > 0) {
    const rest = parseTimeExpressions(maskSpans(text, [...longer, ...straddling]), today, { normalized: true });
    const spans = (t: TimeExpressions) => t.matches.length;
    if (spans(rest) >= spans(time) && rest.range) time = rest;
  }
  return { time, groups: groups.filter((g) => !time.matches.some((m) => spansOverlap(m, g))) };
}

function contains(outer: TextSpan, inner: TextSpan): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function resolveMentions(text: string, groups: MentionGroup[], markers: GroupByMarker[], guesses: Guess[], used: TextSpan[]): ResolvedMention[] {
  const labelled = new Set(groups.flatMap((g) => g.mentions.filter((m) => m.kind === 'column').map((m) => m.column)));
  const read = groups.map((g) => {
    const marker = markers.find(
      (m) => m.side === 'before' && near(m.end, g.start) && /^\s*(?:the\s+|each\s+|个\s*|的\s*)?$/.test(text.slice(m.end, g.start)),
    );
    if (marker) used.push(marker);
    return resolveMention(g, Boolean(marker), labelled, guesses);
  });
  // Trailing markers ("city breakdown", 城市拆分) only confirm a dimension already named.
  for (const m of markers) {
    if (m.side !== 'after') continue;
    const confirmed = read.some(
      (g) => g.meaning.type === 'dimension' && near(g.end, m.start) && /^\s*(?:的\s*)?$/.test(text.slice(g.end, m.start)),
    );
    if (confirmed) used.push(m);
  }
  return read;
}

/**
 * "by category", "per tier", 按分类: after a group-by marker, a word no catalog term covers names the
 * dimension whose name or alias ends with it (video_category, "feedback category"). Where several
 * dimensions end so, the first in catalog order is taken and the choice reported as a guess.
 */
function readHeadNounDimensions(
  phraseText: string,
  markers: GroupByMarker[],
  read: ResolvedMention[],
  view: CatalogView,
  guesses: Guess[],
  used: TextSpan[],
): ResolvedMention[] {
  const out: ResolvedMention[] = [];
  const dimensions = view.columns.filter((c) => c.role === 'dimension');
  for (const marker of markers) {
    if (marker.side !== 'before' || used.includes(marker)) continue;
    const rest = phraseText.slice(marker.end);
    const latin = /^\s*(?:the\s+|each\s+)?([a-z]{3,})(?![a-z])/.exec(rest);
    const chinese = /^\s*([\u3400-\u9fff]{2,4})/.exec(rest);
    const match = latin ?? chinese;
    if (!match) continue;
    const word = match[1];
    const found = latin ? dimensionsEndingWithWord(dimensions, word) : dimensionsEndingWithRun(dimensions, word);
    if (!found) continue;
    const start = marker.end + match[0].length - word.length;
    const span = { start, end: start + found.length, text: phraseText.slice(start, start + found.length) };
    if (read.some((g) => spansOverlap(g, span))) continue;
    const [first, ...others] = found.columns;
    if (others.length > 0) guesses.push({ phrase: span.text, chose: first, alternatives: others });
    used.push(marker, span);
    out.push({ ...span, mentions: [], meaning: { type: 'dimension', column: first }, afterMarker: true });
  }
  return out;
}

function dimensionsEndingWithWord(dimensions: CatalogColumn[], word: string): { columns: string[]; length: number } | undefined {
  const singular = word.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
  const columns = dimensions
    .filter((c) => [c.name.replace(/_/g, ' '), ...c.aliases.en].some((term) => {
      const last = term.toLowerCase().split(/[\s_-]+/).pop();
      return last === word || last === singular;
    }))
    .map((c) => c.name);
  return columns.length > 0 ? { columns, length: word.length } : undefined;
}

function dimensionsEndingWithRun(dimensions: CatalogColumn[], run: string): { columns: string[]; length: number } | undefined {
  for (let n = run.length; n >= 2; n--) {
    const piece = run.slice(0, n);
    const columns = dimensions.filter((c) => c.aliases.zh.some((a) => a.endsWith(piece))).map((c) => c.name);
    if (columns.length > 0) return { columns, length: n };
  }
  return undefined;
}

/** Metrics in order of mention, and numeric conditions as filters on the metric each is about. */
function readMetrics(
  text: string,
  read: ResolvedMention[],
  conditions: NumericCondition[],
  used: TextSpan[],
  view: CatalogView,
): { metrics: QuestionSlots['metrics']; conditionFilters: PlanFilter[]; orphans: QuestionSlots['orphanConditions'] } {
  const metricGroups = read.filter((g) => g.meaning.type === 'metric');
  const conditionFilters: PlanFilter[] = [];
  const orphans: QuestionSlots['orphanConditions'] = [];
  const conditioned = new Set<ResolvedMention>();
  const units = new Set<ResolvedMention>();
  for (const c of conditions) {
    const target = nearestMetric(text, c, metricGroups, read);
    if (!target) {
      // "and more than 2000?": a new bound for the condition in view.
      if (metricGroups.length === 0 && !read.some((g) => spansOverlap(g, c))) {
        orphans.push({ op: c.op, value: c.value });
        used.push(c);
      }
      continue;
    }
    used.push(c);
    conditioned.add(target);
    const column = columnOf(target);
    conditionFilters.push({ column, op: c.op, value: inMetricUnits(c, view.columns.find((x) => x.name === column)) });
    // "a crash rate above 10 per thousand launches": what follows the amount is its unit, not a metric of its own.
    const unit = /^\s*(?:per|every|for every|每|\/)\s*(?:thousand|hundred|1000|100|千|百)?\s*(?:次|个)?\s*/i.exec(text.slice(c.end));
    if (unit && unit[0].trim().length > 0) {
      const next = metricGroups.find((g) => g.start === c.end + unit[0].length);
      if (next && next !== target) {
        units.add(next);
        used.push({ start: c.end, end: next.start, text: text.slice(c.end, next.start) });
      }
    }
  }
  const metrics: QuestionSlots['metrics'] = [];
  for (const g of metricGroups) {
    if (units.has(g)) continue;
    const column = columnOf(g);
    const viaCondition = conditioned.has(g);
    const prior = metrics.find((m) => m.column === column);
    if (!prior) metrics.push({ column, viaCondition });
    else if (!viaCondition) prior.viaCondition = false;
  }
  return { metrics, conditionFilters, orphans };
}

/**
 * A percentage compared with a rate kept as a fraction ("完播率高于36%": completion rate > 0.36);
 * a rate the catalog already scales (per thousand, a percentage) takes the number as it is.
 */
function inMetricUnits(c: NumericCondition, column: CatalogColumn | undefined): PlanFilter['value'] {
  if (!c.percent || !column || /\b(?:100|1000)(?:\.0+)?\s*\*/.test(column.expr ?? '')) return c.value;
  return Array.isArray(c.value) ? c.value.map((v) => v / 100) : c.value / 100;
}

/** The metric a numeric condition is about: one right before it ("crash rate above 10"), else the next one close after it, else the closest before it. */
function nearestMetric(text: string, c: NumericCondition, metrics: ResolvedMention[], all: ResolvedMention[]): ResolvedMention | undefined {
  const between = (from: number, to: number) => all.some((g) => g.start >= from && g.end <= to);
  const close = (from: number, to: number) => near(from, to) && wordCount(text.slice(from, to)) <= 3 && !between(from, to);
  const adjacent = [...metrics].reverse().find((g) => g.end <= c.start && /^\s*(?:is|was|are|were|的|是|之)?\s*$/.test(text.slice(g.end, c.start)));
  if (adjacent) return adjacent;
  const after = metrics.find((g) => close(c.end, g.start));
  if (after) return after;
  const before = [...metrics].reverse().find((g) => close(g.end, c.start));
  return before ?? metrics[0];
}

/**
 * The columns a listing question names, in the order it names them: its dimensions, and metric
 * columns of an entity's rows read as they are ("the names and ages of singers"). A metric computed
 * over rows (a count, a rate), or any metric with a period named, makes the question a figure.
 */
function listColumns(
  read: ResolvedMention[],
  metrics: QuestionSlots['metrics'],
  dimensions: string[],
  view: CatalogView,
  periodNamed: boolean,
  rankedBy?: string,
): string[] {
  // "the names of singers": the entity's noun may link to the count of its rows, which a listing does not show.
  const count = viewCountMetric(view);
  const shown = metrics.filter((m) => !m.viaCondition && !(m.column === count && !m.agg));
  const plainColumn = (m: QuestionSlots['metrics'][number]) => {
    const column = view.columns.find((c) => c.name === m.column);
    return column?.kind === 'physical' && !m.agg && !m.where && !m.over && !m.per && !m.share;
  };
  // A condition on a metric of a fact table ("provinces with a CTR below 0.5") is on each group's aggregate, not on rows.
  const conditioned = metrics.filter((m) => m.viaCondition);
  const entityRows = holdsEntityRows(view);
  if (conditioned.length > 0 && (!entityRows || !conditioned.every(plainColumn))) return [];
  if (shown.length > 0 && (periodNamed || !view.rowKey || !shown.every(plainColumn))) return [];
  // "the flight numbers of ...": an id or text column named in a listing of a table's rows is listed as it is
  // (in dated facts, "users" and 视频 name what is counted, not a column to list).
  const dated = view.columns.some((c) => c.role === 'time');
  const entity = (g: ResolvedMention) =>
    g.meaning.type === 'other' && !dated ? g.mentions.find((m) => m.kind === 'column' && (m.role === 'id' || m.role === 'text'))?.column : undefined;
  const named = read.map(entity).filter((c): c is string => c !== undefined);
  const wanted = new Set([...dimensions, ...shown.map((m) => m.column), ...named]);
  const columns: string[] = [];
  for (const g of read) {
    const column = g.meaning.type === 'dimension' || g.meaning.type === 'metric' ? g.meaning.column : entity(g);
    if (column && column !== rankedBy && wanted.has(column) && !columns.includes(column)) columns.push(column);
  }
  return columns.length === wanted.size ? columns : [];
}

/** Named dimension columns, unless only the label of a value named with it ("the city beijing"); contrasted values. */
function readDimensions(read: ResolvedMention[], filters: PlanFilter[], contrasted: boolean): string[] {
  const filtered = new Set(filters.map((f) => f.column));
  const dimensions: string[] = [];
  const add = (column: string) => {
    if (!dimensions.includes(column)) dimensions.push(column);
  };
  for (const g of read) {
    if (g.meaning.type === 'dimension' && (g.afterMarker || !filtered.has(g.meaning.column))) add(g.meaning.column);
  }
  // "ios vs android", 男女对比: several values of one column side by side.
  if (contrasted) for (const f of filters) if (f.op === 'in') add(f.column);
  return dimensions;
}

/** "what about by OS?", "how about per app", 按操作系统呢: asked in place of what was there. */
function swapsInPlace(text: string): boolean {
  return /^(?:(?:and|so|ok|then)[,\s]+)?(?:what|how) about\b|呢[?？!！。.\s]*$/.test(text.trim());
}

/** "which day last month had the highest DAU", 哪天: the rows are the days (weeks, months) themselves. */
function whichPeriod(text: string): Grain | undefined {
  const m = /(?<![a-z])(?:which|what) (day|date|week|month)(?![a-z])|哪(?:一)?(?:个)?(天|日|周|星期|月)/.exec(text);
  if (!m) return undefined;
  const unit = m[1] ?? m[2];
  return unit === 'week' || unit === '周' || unit === '星期' ? 'week' : unit === 'month' || unit === '月' ? 'month' : 'day';
}

/** The named grain; "by date" means by day; an hourly grain on a date column falls back to days. */
function readGrain(time: TimeExpressions, read: ResolvedMention[], view: CatalogView, guesses: Guess[]): Grain | undefined {
  let grain = time.grain;
  if (!grain && read.some((g) => g.meaning.type === 'time' && g.afterMarker)) grain = 'day';
  const timeColumn = view.columns.find((c) => c.role === 'time');
  if (grain === 'hour' && timeColumn && timeColumn.type !== 'timestamp') {
    const phrase = time.matches.find((m) => m.kind === 'grain')?.text.trim() ?? 'hour';
    guesses.push({ phrase, chose: 'day', alternatives: ['hour'] });
    grain = 'day';
  }
  return grain;
}

/**
 * The column entity rows are ranked by in a listing ("the singer with the largest net worth"): the
 * ranked metric when it is one of the rows' own stored columns, asked with no aggregation.
 */
function rowRankColumn(text: string, read: ResolvedMention[], ranking: TextSpan[], metrics: QuestionSlots['metrics'], view: CatalogView): string | undefined {
  if (!holdsEntityRows(view)) return undefined;
  const by = orderMetric(text, read, ranking);
  const column = view.columns.find((c) => c.name === by);
  const asked = metrics.find((m) => m.column === by);
  return column?.kind === 'physical' && asked && (!asked.agg || asked.agg === 'max' || asked.agg === 'min') && !asked.where && !asked.per ? by : undefined;
}

/** What a top-N ranks by: a metric after "by"/按, else a metric next to the ranking words, else the first metric. */
function orderMetric(text: string, read: ResolvedMention[], topN: TextSpan[]): string | undefined {
  const metrics = read.filter((g) => g.meaning.type === 'metric');
  const byMarker = metrics.find((g) => g.afterMarker);
  if (byMarker) return columnOf(byMarker);
  for (const t of topN) {
    const next = metrics.find((g) => near(t.end, g.start) && isFillerGap(text.slice(t.end, g.start)));
    if (next) return columnOf(next);
    const prev = [...metrics].reverse().find((g) => near(g.end, t.start) && isFillerGap(text.slice(g.end, t.start)));
    if (prev) return columnOf(prev);
  }
  return metrics[0] ? columnOf(metrics[0]) : undefined;
}

function columnOf(g: ResolvedMention): string {
  return (g.meaning as { column: string }).column;
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

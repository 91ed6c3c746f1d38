import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { CatalogLoader } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { completenessSet, viewSelectionSet } from '@chatbi/models';
import { findContrastWords, findGroupByMarkers, findReplacementWords } from '../phrases/group-by.phrases';
import { findNegations } from '../phrases/negation.phrases';
import { findNumericConditions } from '../phrases/numeric-condition.phrases';
import { findTopN } from '../phrases/top-n.phrases';
import { findTotalWords } from '../phrases/total.phrases';
import { findTrendWords } from '../phrases/trend.phrases';
import { parseTimeExpressions } from '../time/time-expression.parser';
import * as phraseRules from './phrase-rule';
import { normalizeText } from './text-normalizer';

const { matchRules, phrase } = phraseRules;
type Rules = readonly phraseRules.PhraseRule<unknown>[];

/** The plain matcher matchRules replaced: every rule's whole pattern, start boundary included, scanned by matchAll. */
function referenceMatchRules(text: string, rules: Rules): phraseRules.PhraseMatch<unknown>[] {
  const out: phraseRules.PhraseMatch<unknown>[] = [];
  for (const rule of rules) {
    for (const m of text.matchAll(rule.pattern)) {
      if (m[0].length === 0) continue;
      const value = rule.build(m as RegExpExecArray);
      if (value !== undefined) out.push({ start: m.index!, end: m.index! + m[0].length, text: m[0], value });
    }
  }
  return out;
}

const TODAY = '2026-11-21';
// Weekday rules yield a function of today.
const comparable = (matches: phraseRules.PhraseMatch<unknown>[]) =>
  matches.map((m) => ({ ...m, value: typeof m.value === 'function' ? m.value(TODAY) : m.value }));

const REPOSITORY = join(__dirname, '../../../..');
const catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);

function benchQuestions(): string[] {
  const out: string[] = [];
  const datasets = join(REPOSITORY, 'bench/datasets');
  for (const file of readdirSync(datasets).filter((f) => f.startsWith('demo-') && f.endsWith('.json'))) {
    for (const item of JSON.parse(readFileSync(join(datasets, file), 'utf8'))) {
      if (item.question) out.push(item.question);
      for (const turn of item.turns ?? []) out.push(turn.question);
    }
  }
  const models = join(REPOSITORY, 'bench/models');
  for (const file of readdirSync(models)) {
    const text = readFileSync(join(models, file), 'utf8');
    if (file.endsWith('.yaml')) {
      for (const dialogue of parseYaml(text)) for (const turn of dialogue.turns) out.push(turn.ask);
    } else if (file.endsWith('.tsv')) {
      for (const line of text.split('\n')) if (line && !line.startsWith('#')) out.push(line.split('\t')[1]);
    }
  }
  return out;
}

function generatedQuestions(): string[] {
  return [
    ...viewSelectionSet(catalog, { seed: 11, size: 300 }).examples,
    ...completenessSet(catalog, { seed: 12, size: 1500 }).examples,
  ].map((e) => e.text);
}

/** Every phrase reader that goes through matchRules, on one text. */
function readEverything(text: string): void {
  parseTimeExpressions(text, TODAY, { normalized: true });
  findTopN(text);
  findNegations(text);
  findNumericConditions(text);
  findGroupByMarkers(text);
  findContrastWords(text);
  findReplacementWords(text);
  findTotalWords(text);
  findTrendWords(text);
}

/** Runs the readers with matchRules spied on; each call is checked against the reference. */
function checkReaders(texts: Iterable<string>): { calls: number; ruleSets: number; matches: number } {
  const real = jest.requireActual<typeof phraseRules>('./phrase-rule').matchRules;
  const ruleSets = new Set<Rules>();
  let calls = 0;
  let matches = 0;
  const spy = jest.spyOn(phraseRules, 'matchRules').mockImplementation(<T>(text: string, rules: readonly phraseRules.PhraseRule<T>[]) => {
    const fast = real(text, rules);
    const reference = referenceMatchRules(text, rules as Rules);
    if (JSON.stringify(comparable(fast)) !== JSON.stringify(comparable(reference))) {
      // toEqual with the text in the message names the first question that differs.
      expect({ text, matches: comparable(fast) }).toEqual({ text, matches: comparable(reference) });
    }
    calls++;
    matches += fast.length;
    ruleSets.add(rules as Rules);
    return fast;
  });
  try {
    for (const text of texts) readEverything(text);
  } finally {
    spy.mockRestore();
  }
  return { calls, ruleSets: ruleSets.size, matches };
}

describe('matchRules', () => {
  it('finds what the anchored patterns find, on every benchmark and generated question', () => {
    const questions = [...benchQuestions(), ...generatedQuestions()];
    expect(questions.length).toBeGreaterThan(3000);
    // Normalised as the pipeline reads them, and raw (capitals, full-width forms) for other edges.
    const texts = new Set(questions.flatMap((q) => [normalizeText(q), q]));
    const seen = checkReaders(texts);
    // All 19 rule sets of libs/language were exercised, and matched often.
    expect(seen.ruleSets).toBe(19);
    expect(seen.matches).toBeGreaterThan(texts.size);
  });

  it('finds what the anchored patterns find on texts made of phrase fragments and word edges', () => {
    const fragment = fc.constantFrom(
      ' ', '  ', 'a', 'x', '7', '30', 'last', 'past', 'days', 'day', 'week', 'weeks', 'mom', 'yoy', 'top', 'over', 'the',
      'not', 'no', 'by', 'per', 'each', 'than', 'vs', 'ago', 'monday', 'on', 'this', 'total', 'trend', 'between', 'and',
      '近', '天', '7', '上周', '周一', '前', '名', '同比', '环比', '不', '按', '分', '总', '趋势', '大于', '10月1日', '2024-06-15', 'dau', 'ytd',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 14 }), (parts) => {
        checkReaders([parts.join('')]);
      }),
      { numRuns: 400, seed: 10 },
    );
  });

  it('does not match inside a Latin word, but does beside Chinese', () => {
    const rules = [{ pattern: phrase('mom'), build: () => 'mom' }];
    expect(matchRules('moment', rules)).toEqual([]);
    expect(matchRules('amom', rules)).toEqual([]);
    expect(matchRules('环比mom增长', rules)).toEqual([{ start: 2, end: 5, text: 'mom', value: 'mom' }]);
    expect(matchRules('dau  mom', [{ pattern: phrase('dau mom'), build: () => 1 }])).toEqual([{ start: 0, end: 8, text: 'dau  mom', value: 1 }]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { CatalogLoader, CatalogRegistry } from '@chatbi/catalog';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { CatalogCompletenessClassifier, TrainedCompletenessClassifier, type QuestionCompletenessClassifier } from '@chatbi/dialogue';
import { OfflinePlanner } from '@chatbi/json-planner';
import { linkQuestion, normalizeText } from '@chatbi/language';
import { ModelRegistry, completenessSet, defaultTrainingSizes, viewSelectionSet, type ModelCard } from '@chatbi/models';
import { TrainedViewRanker, chooseCoveringView, type LinkedPhrase, type RankedView, type ViewRanker } from '@chatbi/view-selector';
import { printTable, writeResult } from '../bench-report';
import { runDialogues, type TurnOutcome } from './dialogue.runner';
import { readDialogues, readTsv, type HeldOutDialogue, type Language } from './heldout-sets';
import { GeneratorShapes } from './generator-shapes';
import { TfidfViewBaseline } from './tfidf-view.baseline';

/**
 * `npm run bench -- models [--seed n]`: the two small models against the hand-written held-out
 * sets of bench/models (phrasings the generator does not produce; the run counts any that it does),
 * each next to a baseline measured in the same run: view selection against TF-IDF nearest view
 * (and the catalog coverage rules the models replace), completeness against the catalog rule,
 * three-round dialogues against the rule-based pipeline. Models are trained fresh for the demo
 * catalog, exactly as the embedded start does.
 */
export async function run(args: string[]): Promise<void> {
  const seedArg = args.indexOf('--seed');
  const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : undefined;
  Logger.overrideLogger(['error']);
  const catalog = new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR);
  const catalogs = new CatalogRegistry();
  catalogs.replace(catalog);
  const dir = mkdtempSync(join(tmpdir(), 'chatbi-bench-models-'));
  const registry = new ModelRegistry({ dir, seed });
  try {
    const prepared = await registry.prepare(catalog);
    const cards = Object.fromEntries(prepared.map((p) => [p.kind, p.card!])) as Record<'completeness' | 'view-ranking', ModelCard>;
    if (prepared.some((p) => !p.card)) throw new Error(`training failed: ${prepared.map((p) => p.reason).join('; ')}`);

    const viewQuestions = readTsv('view-selection.heldout.tsv');
    const mrdQuestions = readTsv('mrd.heldout.tsv');
    const dialogues = readDialogues('dialogues.heldout.yaml');
    // Later hand-written batches, reported on their own (see each file's header for when it was written).
    const freshBatches = { dialogues_fresh: readDialogues('dialogues.fresh.yaml'), dialogues_fresh_2: readDialogues('dialogues.fresh-2.yaml') };
    const heldOutTexts = [...viewQuestions, ...mrdQuestions]
      .map((q) => q.question)
      .concat([dialogues, ...Object.values(freshBatches)].flatMap((set) => set.flatMap((d) => d.turns.map((t) => t.ask))));
    const overlap = generatorOverlap(catalog, registry.seed, heldOutTexts);
    const shapes = new GeneratorShapes(catalog);
    const producible = heldOutTexts.filter((q) => shapes.producedBy(q) !== undefined);

    // View selection: the deployed selector (model ranks, catalog confirms), the model alone, TF-IDF, coverage rules.
    const viewModel = registry.model('view-ranking', catalog.hash)!;
    const tfidf = new TfidfViewBaseline(catalog);
    const today = '2025-06-15';
    const inferenceMs: number[] = [];
    const viewRows: { lang: Language; expected: string; selector: string; model: string; tfidf: string; rules: string; question: string }[] = [];
    for (const q of viewQuestions) {
      const prediction = await viewModel.predict(q.question);
      inferenceMs.push(prediction.ms);
      const ranking: RankedView[] = prediction.ranked.map((r) => ({ view: r.label, probability: r.probability }));
      const phrases = phrasesOf(catalog, q.question, today);
      viewRows.push({
        lang: q.lang,
        expected: q.label,
        selector: chooseCoveringView(phrases, catalog, undefined, ranking).view ?? 'none',
        model: ranking[0].view,
        tfidf: tfidf.nearest(q.question),
        rules: chooseCoveringView(phrases, catalog).view ?? 'none',
        question: q.question,
      });
    }

    // Multi-round dialogue matching: I(Q) from the model and from the catalog rule.
    const model = new TrainedCompletenessClassifier(catalogs, registry);
    const rules = new CatalogCompletenessClassifier(catalogs);
    const completenessModel = registry.model('completeness', catalog.hash)!;
    const mrdRows: { lang: Language; expected: boolean; model: boolean; rules: boolean; question: string }[] = [];
    for (const q of mrdQuestions) {
      inferenceMs.push((await completenessModel.predict(q.question)).ms);
      mrdRows.push({
        lang: q.lang,
        expected: q.label === '1',
        model: (await model.isComplete(q.question, today)).complete,
        rules: (await rules.isComplete(q.question, today)).complete,
        question: q.question,
      });
    }

    // Three-round dialogues through matching, view selection and the offline planner.
    const planner = new OfflinePlanner();
    const noModel: ViewRanker = { rank: async () => undefined };
    const withModels = await runDialogues(catalog, dialogues, { classifier: model, ranker: new TrainedViewRanker(catalogs, registry), planner });
    const withRules = await runDialogues(catalog, dialogues, { classifier: rules as QuestionCompletenessClassifier, ranker: noModel, planner });
    const switching = switchingIds(dialogues);
    const fresh: Record<string, { set: HeldOutDialogue[]; withModels: TurnOutcome[]; withRules: TurnOutcome[]; switching: Set<string> }> = {};
    for (const [name, set] of Object.entries(freshBatches)) {
      fresh[name] = {
        set,
        withModels: await runDialogues(catalog, set, { classifier: model, ranker: new TrainedViewRanker(catalogs, registry), planner }),
        withRules: await runDialogues(catalog, set, { classifier: rules as QuestionCompletenessClassifier, ranker: noModel, planner }),
        switching: switchingIds(set),
      };
    }

    const share = <T>(rows: T[], right: (r: T) => boolean) => round(rows.filter(right).length / Math.max(1, rows.length));
    const byLang = <T extends { lang: Language }>(rows: T[], right: (r: T) => boolean) => ({
      en: share(rows.filter((r) => r.lang === 'en'), right),
      zh: share(rows.filter((r) => r.lang === 'zh'), right),
    });
    const sorted = [...inferenceMs].sort((a, b) => a - b);
    const percentile = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))], 4);
    const dialogueAccuracy = (turns: TurnOutcome[], only?: Set<string>) => {
      const picked = turns.filter((t) => !only || only.has(t.dialogue));
      const ids = [...new Set(picked.map((t) => t.dialogue))];
      return {
        turn_accuracy: share(picked, (t) => t.correct),
        dialogue_accuracy: share(ids, (id) => picked.filter((t) => t.dialogue === id).every((t) => t.correct)),
      };
    };

    const result = {
      view_selection: {
        n: viewRows.length,
        accuracy: share(viewRows, (r) => r.selector === r.expected),
        baseline: 'TF-IDF nearest view (cosine over catalog names, descriptions, aliases and values)',
        baseline_accuracy: share(viewRows, (r) => r.tfidf === r.expected),
        model_only_accuracy: share(viewRows, (r) => r.model === r.expected),
        coverage_rules_accuracy: share(viewRows, (r) => r.rules === r.expected),
        by_language: { accuracy: byLang(viewRows, (r) => r.selector === r.expected), baseline_accuracy: byLang(viewRows, (r) => r.tfidf === r.expected) },
        misses: viewRows.filter((r) => r.selector !== r.expected).map(({ question, expected, selector, model }) => ({ question, expected, chose: selector, model })),
      },
      mrd_classification: {
        n: mrdRows.length,
        accuracy: share(mrdRows, (r) => r.model === r.expected),
        baseline: 'catalog rule: a linked metric and a linked dimension, value or time phrase',
        baseline_accuracy: share(mrdRows, (r) => r.rules === r.expected),
        by_language: { accuracy: byLang(mrdRows, (r) => r.model === r.expected), baseline_accuracy: byLang(mrdRows, (r) => r.rules === r.expected) },
        misses: mrdRows.filter((r) => r.model !== r.expected).map(({ question, expected }) => ({ question, expected: expected ? 1 : 0 })),
      },
      dialogues: {
        n: dialogues.length,
        turns: withModels.length,
        switching_views: switching.size,
        ...dialogueAccuracy(withModels),
        switching: dialogueAccuracy(withModels, switching),
        baseline: 'the same pipeline with the catalog rule for completeness and coverage rules for views',
        baseline_turn_accuracy: dialogueAccuracy(withRules).turn_accuracy,
        baseline_switching: dialogueAccuracy(withRules, switching),
        misses: withModels.filter((t) => !t.correct).map(({ dialogue, turn, ask, problems, resolvedQuestion }) => ({ dialogue, turn, ask, resolvedQuestion, problems })),
      },
      ...Object.fromEntries(
        Object.entries(fresh).map(([name, f]) => [
          name,
          {
            ...FRESH_NOTES[name as keyof typeof FRESH_NOTES],
            n: f.set.length,
            turns: f.withModels.length,
            switching_views: f.switching.size,
            ...dialogueAccuracy(f.withModels),
            switching: dialogueAccuracy(f.withModels, f.switching),
            baseline_turn_accuracy: dialogueAccuracy(f.withRules).turn_accuracy,
            baseline_switching: dialogueAccuracy(f.withRules, f.switching),
            misses: f.withModels.filter((t) => !t.correct).map(({ dialogue, turn, ask, problems, resolvedQuestion }) => ({ dialogue, turn, ask, resolvedQuestion, problems })),
          },
        ]),
      ),
      inference_p50_ms: percentile(0.5),
      inference_p95_ms: percentile(0.95),
      inference_note: 'one question through featurisation (catalog linking, n-grams, hashing) and onnxruntime-node, both models, one thread',
      train_seconds: round(cards.completeness.trainSeconds + cards['view-ranking'].trainSeconds, 2),
      models: Object.fromEntries(
        Object.entries(cards).map(([kind, card]) => [
          kind,
          { train_seconds: card.trainSeconds, data: card.data, validation_accuracy: card.validationAccuracy, catalog_hash: card.catalogHash, seed: card.seed, onnx_bytes: card.onnx.bytes },
        ]),
      ),
      heldout_check: {
        questions: heldOutTexts.length,
        generated_verbatim_by_training_run: overlap,
        producible_by_any_template: producible,
        note: 'every template is matched with every catalog form and phrase bank entry, openers and closers included',
      },
      targets: { accuracy: 0.97, dialogue_turn_accuracy: 0.9, inference_p50_ms: 1 },
    };

    printTable('Single view selection (hand-written held-out questions)', [
      { system: 'view selector: model + catalog coverage', n: result.view_selection.n, accuracy: result.view_selection.accuracy, en: result.view_selection.by_language.accuracy.en, zh: result.view_selection.by_language.accuracy.zh },
      { system: 'model alone (top-1)', n: viewRows.length, accuracy: result.view_selection.model_only_accuracy, en: byLang(viewRows, (r) => r.model === r.expected).en, zh: byLang(viewRows, (r) => r.model === r.expected).zh },
      { system: 'baseline: TF-IDF nearest view', n: viewRows.length, accuracy: result.view_selection.baseline_accuracy, en: result.view_selection.by_language.baseline_accuracy.en, zh: result.view_selection.by_language.baseline_accuracy.zh },
      { system: 'coverage rules (no model)', n: viewRows.length, accuracy: result.view_selection.coverage_rules_accuracy, en: byLang(viewRows, (r) => r.rules === r.expected).en, zh: byLang(viewRows, (r) => r.rules === r.expected).zh },
    ]);
    printTable('Multi-round dialogue matching, I(Q) (hand-written held-out labels)', [
      { system: 'completeness model', n: result.mrd_classification.n, accuracy: result.mrd_classification.accuracy, en: result.mrd_classification.by_language.accuracy.en, zh: result.mrd_classification.by_language.accuracy.zh },
      { system: 'baseline: catalog rule', n: mrdRows.length, accuracy: result.mrd_classification.baseline_accuracy, en: result.mrd_classification.by_language.baseline_accuracy.en, zh: result.mrd_classification.by_language.baseline_accuracy.zh },
    ]);
    printTable(`Three-round dialogues (${dialogues.length}, ${switching.size} switch views): resolved plan correct`, [
      { system: 'with the models', turns: withModels.length, turn_accuracy: result.dialogues.turn_accuracy, dialogue_accuracy: result.dialogues.dialogue_accuracy, switching_turns: result.dialogues.switching.turn_accuracy },
      { system: 'baseline: rules only', turns: withRules.length, turn_accuracy: result.dialogues.baseline_turn_accuracy, dialogue_accuracy: dialogueAccuracy(withRules).dialogue_accuracy, switching_turns: result.dialogues.baseline_switching.turn_accuracy },
    ]);
    for (const [name, f] of Object.entries(fresh)) {
      printTable(`${name}: ${f.set.length} more three-round dialogues (${f.switching.size} switch views): resolved plan correct`, [
        { system: 'with the models', turns: f.withModels.length, turn_accuracy: dialogueAccuracy(f.withModels).turn_accuracy, dialogue_accuracy: dialogueAccuracy(f.withModels).dialogue_accuracy, switching_turns: dialogueAccuracy(f.withModels, f.switching).turn_accuracy },
        { system: 'baseline: rules only', turns: f.withRules.length, turn_accuracy: dialogueAccuracy(f.withRules).turn_accuracy, dialogue_accuracy: dialogueAccuracy(f.withRules).dialogue_accuracy, switching_turns: dialogueAccuracy(f.withRules, f.switching).turn_accuracy },
      ]);
    }
    printTable('Models', [
      ...Object.values(cards).map((c) => ({ model: c.kind, train_s: c.trainSeconds, train_n: c.data.train, validation_n: c.data.validation, held_out_template_acc: c.validationAccuracy, onnx_kb: Math.round(c.onnx.bytes / 1024) })),
    ]);
    printTable('Inference per question (featurise + onnxruntime)', [{ p50_ms: result.inference_p50_ms, p95_ms: result.inference_p95_ms, calls: inferenceMs.length, train_seconds_both: result.train_seconds }]);
    process.stdout.write(
      `\nHeld-out questions the generator produced in this training run: ${overlap.length}; that any template could produce: ${producible.length} (of ${heldOutTexts.length})\n`,
    );
    writeResult('models', result);
  } finally {
    await registry.onModuleDestroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

const FRESH_NOTES = {
  dialogues_fresh: {
    file: 'bench/models/dialogues.fresh.yaml',
    note: 'written before the issue 5 follow-up fixes (baseline measured then); its misses later guided some fixes (continuation words on complete questions, "for the same period", 这3个省), so it is no longer blind',
  },
  dialogues_fresh_2: { file: 'bench/models/dialogues.fresh-2.yaml', note: 'written after those fixes and before measuring them on it; never tuned on' },
};

function switchingIds(dialogues: readonly HeldOutDialogue[]): Set<string> {
  return new Set(dialogues.filter((d) => new Set(d.turns.map((t) => t.view)).size > 1).map((d) => d.id));
}

function phrasesOf(catalog: import('@chatbi/catalog').Catalog, question: string, today: string): LinkedPhrase[] {
  return linkQuestion(catalog, question, today).phrases.map((p) => ({
    text: p.text,
    candidates: p.mentions.map((m) => ({ view: m.view, column: m.column, score: m.score, role: m.role, kind: m.kind })),
  }));
}

/** Held-out questions that the generator (same seed and sizes as training) produces verbatim, after normalisation. */
function generatorOverlap(catalog: import('@chatbi/catalog').Catalog, seed: number, questions: string[]): string[] {
  const sizes = defaultTrainingSizes(catalog);
  const generated = new Set(
    [...viewSelectionSet(catalog, { seed, size: sizes.perView }).examples, ...completenessSet(catalog, { seed, size: sizes.completeness }).examples].map((e) => key(e.text)),
  );
  return questions.filter((q) => generated.has(key(q)));
}

function key(text: string): string {
  return normalizeText(text).replace(/[?？!！.。,，\s]+/g, ' ').trim();
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}


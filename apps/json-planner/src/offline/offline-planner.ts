import { Injectable } from '@nestjs/common';
import { assertPlanFitsCatalog, viewWithReach, type Catalog, type CatalogView } from '@chatbi/catalog';
import { ChatbiError, planSchema, type PlanInput } from '@chatbi/contracts';
import { SchemaLinker, contentWords } from '@chatbi/language';
import type { Planner, PlannerInput, PlannerOutput } from '../planner';
import { mergeFollowUp } from './follow-up.merger';
import { noMetricFound } from './no-metric.error';
import { buildPlan } from './plan.builder';
import { adaptPlanToView } from './plan-view.adapter';
import { readQuestion } from './question-reader';
import { unanswerable } from './unanswerable.error';
import { needsClarification } from './clarification.error';
import { findExistence, withExists } from './existence.reader';

/** Readings that may hold once the views a relationship reaches are read too. */
const RETRIED = new Set(['NEEDS_CLARIFICATION', 'NO_METRIC_FOUND']);

/**
 * The planner that needs no network: it reads the question with the catalog's lexicon (names,
 * aliases, enum values) and the language library's time, comparison and phrase rules. Same input,
 * same plan. Only catalog identifiers and catalog values ever reach the plan.
 */
@Injectable()
export class OfflinePlanner implements Planner {
  readonly name = 'offline';

  async plan(input: PlannerInput): Promise<PlannerOutput> {
    return this.planSync(input);
  }

  planSync(input: PlannerInput): PlannerOutput {
    // "singers that do not have any song": read on the view with the related rows' columns, their conditions kept as exists.
    const existence = input.previousPlan ? undefined : findExistence(input.question, input.view, input.catalog);
    const kept = existence && this.tryRead({ ...input, question: existence.question }, existence.lexicon.view, existence.lexicon.catalog, (draft) => withExists(draft, existence));
    if (kept) return kept;
    let own: PlannerOutput | undefined;
    let failure: unknown;
    try {
      own = this.read(input, input.view, input.catalog);
      if (own.report.unusedWords.length === 0) return own;
    } catch (error) {
      if (!(error instanceof ChatbiError) || !RETRIED.has(error.code)) throw error;
      failure = error;
    }
    // Words the view alone cannot place ("flights departing from Aberdeen": the city is the
    // airport's) are read again with the views its relationships reach one to-one step away; that
    // reading is taken when it places more of them.
    const reach = input.previousPlan ? undefined : viewWithReach(input.view, input.catalog);
    const wide = reach ? this.tryRead(input, reach.view, reach.catalog) : undefined;
    if (wide && (!own || wide.report.unusedWords.length < own.report.unusedWords.length)) return wide;
    if (own) return own;
    throw failure;
  }

  private tryRead(input: PlannerInput, view: CatalogView, lexicon: Catalog, finish?: (draft: PlanInput) => PlanInput | undefined): PlannerOutput | undefined {
    try {
      return this.read(input, view, lexicon, finish);
    } catch (error) {
      if (error instanceof ChatbiError) return undefined;
      throw error;
    }
  }

  /** Reads the question on one view (the plan's own, or it widened by its relationships) with the catalog whose lexicon links it. */
  private read(
    { question, catalog, previousPlan, contextRange, today }: PlannerInput,
    view: CatalogView,
    lexicon: Catalog,
    finish: (draft: PlanInput) => PlanInput | undefined = (draft) => draft,
  ): PlannerOutput {
    const slots = readQuestion(question, view, lexicon, today);
    if (slots.unanswerable) throw unanswerable(slots.unanswerable);
    const read =
      previousPlan && !slots.newTopic ? mergeFollowUp(adaptPlanToView(previousPlan, view), slots, view, today) : buildPlan(slots, view, today, contextRange);
    const draft = finish(read);
    if (!draft) throw new ChatbiError('PLAN_INVALID', 'the reading puts the related rows where only an exists condition may name them');
    // A metric the catalog lacks is NO_METRIC_FOUND with the nearest columns, never another metric's answer.
    if (!draft.metrics?.length && !draft.rows) throw noMetricFound(question, view, catalog);
    // A word that names something the reading cannot place would be dropped: ask back instead.
    const linker = SchemaLinker.for(catalog);
    const unplaced = [...new Set([...contentWords(slots.unusedWords, (w) => linker.knows(w)), ...slots.unplacedValues])];
    if (unplaced.length > 0) throw needsClarification(question, unplaced, catalog.view(view.name) ?? view, catalog);
    const parsed = planSchema.safeParse(draft);
    if (!parsed.success) {
      throw new ChatbiError('PLAN_INVALID', `the offline planner built an invalid plan: ${parsed.error.issues[0].message}`);
    }
    const plan = parsed.data;
    assertPlanFitsCatalog(plan, catalog);
    return { plan, report: { planner: this.name, unusedWords: slots.unusedWords, guesses: slots.guesses, tokens: null } };
  }
}

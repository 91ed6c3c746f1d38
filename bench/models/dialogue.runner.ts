import { CatalogRegistry, type Catalog } from '@chatbi/catalog';
import { ChatbiError, localDate, type AnsweredMessage, type AskMessage } from '@chatbi/contracts';
import { DialogueService, InMemoryConversationStore, type QuestionCompletenessClassifier } from '@chatbi/dialogue';
import type { Planner } from '@chatbi/json-planner';
import { InProcessBus } from '@chatbi/transport';
import { ViewSelectorService, type ViewRanker } from '@chatbi/view-selector';
import type { HeldOutDialogue } from './heldout-sets';
import { planDifferences } from './plan-expectation';

export interface TurnOutcome {
  dialogue: string;
  turn: number;
  ask: string;
  correct: boolean;
  /** What was wrong: plan differences, or the error the pipeline answered with. */
  problems: string[];
  resolvedQuestion?: string;
}

/**
 * Runs each dialogue through the same stages as the service (multi-round matching, view selection,
 * the offline planner), one session per dialogue; a turn is correct when its resolved plan matches
 * the hand-written expectation. Answers are recorded as the service records them, so each
 * follow-up builds on what the system really answered, right or wrong.
 */
export async function runDialogues(
  catalog: Catalog,
  dialogues: readonly HeldOutDialogue[],
  parts: { classifier: QuestionCompletenessClassifier; ranker: ViewRanker; planner: Planner },
): Promise<TurnOutcome[]> {
  const catalogs = new CatalogRegistry();
  catalogs.replace(catalog);
  const dialogue = new DialogueService(new InMemoryConversationStore(), parts.classifier, catalogs);
  const bus = new InProcessBus();
  const selector = new ViewSelectorService(catalogs, bus, parts.ranker);
  const today = localDate(new Date());
  const out: TurnOutcome[] = [];
  let n = 0;
  for (const d of dialogues) {
    for (const [index, expected] of d.turns.entries()) {
      const message: AskMessage = {
        requestId: `bench-${++n}`,
        sessionId: `bench-${d.id}`,
        user: 'bench',
        askedAt: new Date().toISOString(),
        timings: {},
        warnings: [],
        question: expected.ask,
      };
      const outcome: TurnOutcome = { dialogue: d.id, turn: index + 1, ask: expected.ask, correct: false, problems: [] };
      try {
        const resolved = await dialogue.resolve(message);
        outcome.resolvedQuestion = resolved.resolvedQuestion;
        const selected = await selector.select(resolved);
        const view = catalog.view(selected.view)!;
        const { plan } = await parts.planner.plan({
          question: selected.previousPlan ? selected.question : selected.resolvedQuestion,
          view,
          catalog,
          previousPlan: selected.previousPlan,
          today,
        });
        await dialogue.recordAnswer({ ...selected, plan } as unknown as AnsweredMessage);
        outcome.problems = planDifferences(plan, expected);
        outcome.correct = outcome.problems.length === 0;
      } catch (error) {
        const e = ChatbiError.from(error);
        outcome.problems = [`${e.code}: ${e.message}`];
      }
      out.push(outcome);
    }
  }
  await bus.drain();
  return out;
}

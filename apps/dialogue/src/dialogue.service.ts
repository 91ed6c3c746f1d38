import { Inject, Injectable, Logger } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { ChatbiError, localDate, type AnsweredMessage, type AskMessage, type ResolvedMessage } from '@chatbi/contracts';
import { findListingWords, normalizeText } from '@chatbi/language';
import { CONVERSATION_STORE, type ConversationStore, type ConversationTurn } from './conversation.store';
import { describeFollowUp, rewriteFollowUp } from './follow-up.rewriter';
import { COMPLETENESS_CLASSIFIER, type QuestionCompletenessClassifier } from './question-completeness.classifier';

/**
 * Multi-round dialogue matching (paper Algorithm 1, recent matching mode). The classifier labels
 * each question. A complete one (1) stands alone. A follow-up (0) is matched to the questions since
 * the latest complete one: on the plan, the latest answered plan is handed on so that the planner
 * overrides only the slots the follow-up names (a value, a metric, a time range, a comparison, an
 * added dimension; the view may change when the follow-up asks for something it lacks); for
 * display, the follow-up is written into that question as one complete question.
 */
@Injectable()
export class DialogueService {
  private readonly logger = new Logger(DialogueService.name);

  constructor(
    @Inject(CONVERSATION_STORE) private readonly store: ConversationStore,
    @Inject(COMPLETENESS_CLASSIFIER) private readonly classifier: QuestionCompletenessClassifier,
    private readonly catalogs: CatalogRegistry,
  ) {}

  async resolve(message: AskMessage): Promise<ResolvedMessage> {
    const today = localDate(new Date(message.askedAt));
    const { complete, signals, decidedBy } = await this.classifier.isComplete(message.question, today);
    const completenessBy = decidedBy ?? 'catalog-rules';
    const turns = await this.store.turns(message.sessionId, message.user);
    const chain = chainSinceLatestComplete(turns);
    const previous = [...chain].reverse().find((t) => t.plan);
    const turn: ConversationTurn = { requestId: message.requestId, question: message.question, resolvedQuestion: message.question, complete };

    // I(Q) = 1 stands alone, except a question that continues the conversation in words and leaves
    // the period to it ("and the feedback volume from Hangzhou", 那鸿蒙的崩溃率呢): it keeps the slots it does not name.
    // "new question: ...", 换个问题: a question with a metric of its own stands alone whatever it sounds like.
    const opensTopic = signals.newTopic && signals.metrics.length > 0;
    const standsAlone = opensTopic || (complete && !(previous && signals.continues && !signals.namesRange));
    if (standsAlone || (!previous && signals.metrics.length > 0)) {
      const warnings = await this.remember(message, { ...turn, complete: true });
      // It names no period of its own: it is about the period the conversation is about, unless it opens a new topic.
      const contextRange = previous && !signals.namesRange && !signals.newTopic ? previous.plan?.time?.range : undefined;
      return { ...message, warnings, resolvedQuestion: message.question, completenessBy, ...(contextRange ? { contextRange } : {}) };
    }
    if (!previous) {
      // "what about Tianjin?" opens nothing to follow; "playback speed in Tianjin" names a metric we lack.
      // "list the creator tiers", 都有哪些视频分类: asking for a column's values needs no metric.
      const listing = findListingWords(normalizeText(message.question)) !== undefined && signals.dimensions.length > 0;
      if (!listing && (signals.dimensions.length > 0 || signals.time) && signals.unlinkedWords.length === 0 && !signals.ranks) {
        const about = signals.dimensions.length > 0 ? signals.dimensions.join(', ') : 'that period';
        throw new ChatbiError(
          'FOLLOW_UP_WITHOUT_CONTEXT',
          `What would you like to know about ${about}? Name a metric, for example "DAU of ${about} over the last 7 days".`,
          { about: signals.dimensions },
        );
      }
      // Let view selection and the planner explain which metric they could not find.
      const warnings = await this.remember(message, { ...turn, complete: true });
      return { ...message, warnings, resolvedQuestion: message.question, completenessBy };
    }
    const anchor = chain[0];
    const base = [...chain].reverse().find((t) => t.rewrittenQuestion)?.rewrittenQuestion ?? anchor.question;
    const rewrittenQuestion = rewriteFollowUp(this.catalogs.current(), base, message.question, today);
    const resolvedQuestion = describeFollowUp(rewrittenQuestion, anchor.question);
    const warnings = await this.remember(message, { ...turn, complete: false, resolvedQuestion, rewrittenQuestion });
    return { ...message, warnings, resolvedQuestion, previousPlan: previous.plan, completenessBy };
  }

  /**
   * Appends the turn to its session. A metadata database that cannot take it (a full disk) costs the
   * conversation its memory of this turn, not the answer: the question goes on with a warning.
   */
  private async remember(message: AskMessage, turn: ConversationTurn): Promise<string[]> {
    try {
      await this.store.append(message.sessionId, message.user, turn);
      return message.warnings;
    } catch (error) {
      this.logger.error(`turn ${message.requestId} not saved: ${(error as Error).message}`);
      return [...message.warnings, 'This turn could not be saved (ChatBI\'s metadata database is unavailable), so a follow-up will not build on it.'];
    }
  }

  async recordAnswer(message: AnsweredMessage): Promise<void> {
    await this.store
      .complete(message.sessionId, message.requestId, { view: message.view, plan: message.plan, answeredAt: new Date().toISOString() })
      .catch((error: Error) => this.logger.error(`answer of ${message.requestId} not saved: ${error.message}`));
  }
}

/** The answered turns from the latest complete one on (Algorithm 1, lines 1-8). */
function chainSinceLatestComplete(turns: ConversationTurn[]): ConversationTurn[] {
  const answered = turns.filter((t) => t.plan);
  for (let i = answered.length - 1; i >= 0; i--) {
    if (answered[i].complete) return answered.slice(i);
  }
  return [];
}

import { Inject, Injectable } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { ChatbiError, TOPICS, localDate, type ResolvedMessage, type ViewMissedMessage, type ViewSelectedMessage } from '@chatbi/contracts';
import { SchemaLinker, linkQuestion } from '@chatbi/language';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { chooseCoveringView, type CoverageDecision, type LinkedPhrase } from './view-coverage';
import { VIEW_RANKER, type ViewRanker } from './view.ranker';

/**
 * Single view selection: the trained model ranks the views, the catalog confirms that the chosen
 * one holds every column the question links to (fewest columns among the likely covering views),
 * and a question no single view answers gets a clear error and is reported to the view advisor.
 */
@Injectable()
export class ViewSelectorService {
  constructor(
    private readonly catalogs: CatalogRegistry,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(VIEW_RANKER) private readonly ranker: ViewRanker,
  ) {}

  async select(message: ResolvedMessage): Promise<ViewSelectedMessage> {
    const catalog = this.catalogs.for(message.access);
    const text = message.previousPlan ? message.question : message.resolvedQuestion;
    const phrases: LinkedPhrase[] = linkQuestion(catalog, text, localDate(new Date(message.askedAt))).phrases.map((p) => ({
      text: p.text,
      candidates: p.mentions.map((m) => ({ view: m.view, column: m.column, score: m.score, role: m.role, kind: m.kind })),
    }));

    if (phrases.length === 0) {
      if (message.previousPlan && catalog.view(message.previousPlan.view)) {
        return { ...message, view: message.previousPlan.view, candidates: [{ view: message.previousPlan.view, score: 0, covers: true }] };
      }
      const closest = SchemaLinker.for(catalog).closest(text, { roles: ['metric'], limit: 5 });
      const hint = closest.length > 0 ? ` Closest catalog metrics: ${closest.map((c) => `${c.term} (${c.column} in ${c.view})`).join(', ')}.` : '';
      throw new ChatbiError(
        'NO_METRIC_FOUND',
        `I could not find a metric for "${truncate(text, 80)}" in the catalog.${hint}`,
        { closest },
      );
    }

    const ranking = await this.ranker.rank(text);
    const decision = chooseCoveringView(phrases, catalog, message.previousPlan, ranking);
    // Read across relationships: the DBA still hears of it, as a view that would answer it whole.
    if (decision.decidedBy === 'relationships') await this.reportMiss(message, decision, phrases);
    if (decision.view) {
      const warnings = decision.leftOut?.length
        ? [...message.warnings, `${decision.leftOut.map((t) => `"${t}"`).join(', ')} is not a value of ${decision.view}, the view this question is about; I left it out.`]
        : message.warnings;
      return { ...message, warnings, view: decision.view, candidates: decision.candidates, viewRankedBy: ranking ? 'model' : 'catalog-rules' };
    }
    await this.reportMiss(message, decision, phrases);
    throw noSingleView(decision);
  }

  private async reportMiss(message: ResolvedMessage, decision: CoverageDecision, phrases: LinkedPhrase[]): Promise<void> {
    const missing = new Set(decision.missing.map((m) => m.phrase));
    const missed: ViewMissedMessage = {
      requestId: message.requestId,
      sessionId: message.sessionId,
      user: message.user,
      askedAt: message.askedAt,
      timings: message.timings,
      warnings: message.warnings,
      question: message.resolvedQuestion,
      needed: decision.missing.map((m) => ({ column: m.phrase, views: m.views })),
      linked: phrases.filter((p) => missing.has(p.text)).flatMap((p) => p.candidates.map((c) => ({ phrase: p.text, ...c }))),
    };
    await this.bus.publish(TOPICS.viewMissed, message.sessionId, missed);
  }
}

function noSingleView(decision: CoverageDecision): ChatbiError {
  const needed = decision.missing.map((m) => ({ column: m.phrase, views: m.views }));
  const where = needed.map((n) => `"${n.column}" is in ${n.views.join(', ')}`).join('; ');
  if (decision.unsure) {
    const likely = decision.unsure.map((r) => `${r.view} (${Math.round(r.probability * 100)}%)`).join(', ');
    return new ChatbiError(
      'NO_VIEW_COVERS',
      `I cannot tell which single view answers this (${where}); the view model finds none of them likely: ${likely}. It may need a join of two views. The view advisor has recorded it for the DBA; naming the metric as the catalog does may help.`,
      { needed, ranking: decision.unsure },
    );
  }
  return new ChatbiError(
    'NO_VIEW_COVERS',
    `No single view holds everything this question needs (${where}); answering it would need a join. The view advisor has recorded it for the DBA.`,
    { needed },
  );
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

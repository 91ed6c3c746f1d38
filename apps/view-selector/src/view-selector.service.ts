import { Inject, Injectable } from '@nestjs/common';
import { CatalogRegistry } from '@chatbi/catalog';
import { ChatbiError, TOPICS, localDate, type ResolvedMessage, type ViewMissedMessage, type ViewSelectedMessage } from '@chatbi/contracts';
import { SchemaLinker, linkQuestion } from '@chatbi/language';
import { MESSAGE_BUS, type MessageBus } from '@chatbi/transport';
import { chooseCoveringView, type LinkedPhrase } from './view-coverage';

/**
 * Single view selection: link the question to catalog columns in every view, keep the views
 * that cover all of them, and report a miss to the view advisor when none does.
 */
@Injectable()
export class ViewSelectorService {
  constructor(
    private readonly catalogs: CatalogRegistry,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async select(message: ResolvedMessage): Promise<ViewSelectedMessage> {
    const catalog = this.catalogs.current();
    const text = message.previousPlan ? message.question : message.resolvedQuestion;
    const phrases: LinkedPhrase[] = linkQuestion(catalog, text, localDate(new Date(message.askedAt))).phrases.map((p) => ({
      text: p.text,
      candidates: p.mentions.map((m) => ({ view: m.view, column: m.column, score: m.score })),
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

    const decision = chooseCoveringView(phrases, catalog, message.previousPlan);
    if (decision.view) return { ...message, view: decision.view, candidates: decision.candidates };

    const needed = decision.missing.map((m) => ({ column: m.phrase, views: m.views }));
    const missed: ViewMissedMessage = {
      requestId: message.requestId,
      sessionId: message.sessionId,
      user: message.user,
      askedAt: message.askedAt,
      timings: message.timings,
      warnings: message.warnings,
      question: message.resolvedQuestion,
      needed,
    };
    await this.bus.publish(TOPICS.viewMissed, message.sessionId, missed);
    const where = needed.map((n) => `"${n.column}" is in ${n.views.join(', ')}`).join('; ');
    throw new ChatbiError(
      'NO_VIEW_COVERS',
      `No single view holds everything this question needs (${where}); answering it would need a join. The view advisor has recorded it for the DBA.`,
      { needed },
    );
  }
}

function truncate(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

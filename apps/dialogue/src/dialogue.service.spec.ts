import { CatalogLoader, CatalogRegistry } from '@chatbi/catalog';
import type { AnsweredMessage, AskMessage, Plan } from '@chatbi/contracts';
import { DEMO_CATALOG_DIR } from '@chatbi/demo-world';
import { CatalogCompletenessClassifier } from './catalog-completeness.classifier';
import { InMemoryConversationStore } from './conversation.store';
import { DialogueService } from './dialogue.service';

describe('DialogueService (Algorithm 1, recent matching)', () => {
  const catalogs = new CatalogRegistry();
  catalogs.replace(new CatalogLoader().loadDirectory(DEMO_CATALOG_DIR));
  let dialogue: DialogueService;
  let n = 0;

  beforeEach(() => {
    dialogue = new DialogueService(new InMemoryConversationStore(), new CatalogCompletenessClassifier(catalogs), catalogs);
  });

  const ask = (question: string, sessionId = 's'): AskMessage => ({
    requestId: `r${++n}`,
    sessionId,
    user: 'u',
    askedAt: new Date().toISOString(),
    timings: {},
    warnings: [],
    question,
  });
  const plan = (filters: Plan['filters'], view = 'user_activity_daily'): Plan => ({
    view,
    metrics: [{ column: 'dau' }],
    dimensions: [],
    filters,
    compare: [],
    order: [],
  });
  const answer = async (message: AskMessage, p: Plan) => dialogue.recordAnswer({ ...message, view: p.view, plan: p } as unknown as AnsweredMessage);

  it('passes a complete question on as it is', async () => {
    const resolved = await dialogue.resolve(ask('DAU of the main app over the last 7 days'));
    expect(resolved.resolvedQuestion).toBe('DAU of the main app over the last 7 days');
    expect(resolved.previousPlan).toBeUndefined();
  });

  it('asks what the user wants to know when a follow-up has nothing to follow', async () => {
    await expect(dialogue.resolve(ask('what about Tianjin?', 'fresh'))).rejects.toMatchObject({
      code: 'FOLLOW_UP_WITHOUT_CONTEXT',
      message: expect.stringMatching(/^What would you like to know about Tianjin\?/),
    });
  });

  it('matches follow-ups to the questions since the latest complete one, on the plan and as one rewritten question', async () => {
    const first = ask('DAU of the main app over the last 7 days', 'chain');
    await dialogue.resolve(first);
    const mainPlan = plan([{ column: 'app_name', op: '=', value: 'main' }]);
    await answer(first, mainPlan);

    const second = ask('what about the lite app?', 'chain');
    const resolvedSecond = await dialogue.resolve(second);
    expect(resolvedSecond.previousPlan).toEqual(mainPlan);
    expect(resolvedSecond.resolvedQuestion).toBe('DAU of the lite app over the last 7 days (following up on "DAU of the main app over the last 7 days")');
    const litePlan = plan([{ column: 'app_name', op: '=', value: 'lite' }]);
    await answer(second, litePlan);

    const third = ask('and by operating system', 'chain');
    const resolvedThird = await dialogue.resolve(third);
    expect(resolvedThird.previousPlan).toEqual(litePlan);
    expect(resolvedThird.resolvedQuestion).toMatch(/^DAU of the lite app over the last 7 days, by operating system \(following up on/);
  });

  it('starts again from a new complete question', async () => {
    const first = ask('DAU of the main app over the last 7 days', 'restart');
    await dialogue.resolve(first);
    await answer(first, plan([{ column: 'app_name', op: '=', value: 'main' }]));
    const fresh = await dialogue.resolve(ask('search CTR of the lite app yesterday', 'restart'));
    expect(fresh.previousPlan).toBeUndefined();
    expect(fresh.resolvedQuestion).toBe('search CTR of the lite app yesterday');
  });

  it('keeps the conversation for a complete question that continues it in words and names no period of its own', async () => {
    const first = ask('DAU of the main app last month', 'continue');
    await dialogue.resolve(first);
    const monthPlan = { ...plan([{ column: 'app_name', op: '=', value: 'main' }]), time: { column: 'event_day', range: { kind: 'point', unit: 'month', offset: -1 } } } as Plan;
    await answer(first, monthPlan);
    // A metric and a value: complete by Equation 3, but "and ..." / 那...呢 leave the month to the conversation.
    for (const question of ['and the crash rate of the lite app', '那极速版的崩溃率呢', 'crash rate of the lite app for the same period']) {
      const resolved = await dialogue.resolve(ask(question, 'continue'));
      expect({ question, previous: resolved.previousPlan }).toEqual({ question, previous: monthPlan });
    }
    // Naming its own period, or no continuation words at all, it stands alone.
    for (const question of ['and the crash rate of the lite app last week', 'crash rate of the lite app']) {
      const resolved = await dialogue.resolve(ask(question, 'continue'));
      expect({ question, previous: resolved.previousPlan }).toEqual({ question, previous: undefined });
    }
  });

  it('says which classifier judged the question', async () => {
    expect((await dialogue.resolve(ask('DAU of the main app over the last 7 days', 'who'))).completenessBy).toBe('catalog-rules');
  });

  it('does not follow a question that was never answered', async () => {
    await dialogue.resolve(ask('DAU of the main app over the last 7 days', 'failed'));
    await expect(dialogue.resolve(ask('what about Tianjin?', 'failed'))).rejects.toMatchObject({ code: 'FOLLOW_UP_WITHOUT_CONTEXT' });
  });
});

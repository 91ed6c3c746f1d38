import { Inject, Injectable } from '@nestjs/common';
import { CatalogRegistry, assertPlanFitsCatalog } from '@chatbi/catalog';
import { ChatbiError, planSchema, type PlannedMessage, type ViewSelectedMessage } from '@chatbi/contracts';
import { PLANNER, type Planner } from './planner';
import { plannerInputOf } from './planner-input';

/** Runs the configured planner on the selected view and lets only valid plans through. */
@Injectable()
export class JsonPlannerService {
  constructor(
    @Inject(PLANNER) private readonly planner: Planner,
    private readonly catalogs: CatalogRegistry,
  ) {}

  async plan(message: ViewSelectedMessage, today: string): Promise<PlannedMessage> {
    const catalog = this.catalogs.for(message.access);
    const view = catalog.view(message.view);
    if (!view) throw new ChatbiError('NO_VIEW_COVERS', `view ${message.view} is no longer in the catalog`);
    const { plan, report, warnings: plannerWarnings = [] } = await this.planner.plan(plannerInputOf(message, view, catalog, today));
    const parsed = planSchema.safeParse(plan);
    if (!parsed.success) {
      throw new ChatbiError('PLAN_INVALID', `the ${this.planner.name} planner produced an invalid plan: ${parsed.error.issues[0].message}`, {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    assertPlanFitsCatalog(parsed.data, catalog);
    const warnings = [...message.warnings, ...plannerWarnings];
    for (const g of report.guesses) {
      warnings.push(`"${g.phrase}" could mean ${[g.chose, ...g.alternatives].join(' or ')}; I used ${g.chose}.`);
    }
    if (report.unusedWords.length > 0) warnings.push(`I did not use: ${report.unusedWords.join(', ')}.`);
    return { ...message, warnings, plan: parsed.data, planner: report };
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { CurrentPrincipal, RequireScope, type Principal } from '@chatbi/auth';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, type AnsweredMessage, type FailedMessage, type ViewMissedMessage } from '@chatbi/contracts';
import { ViewAdvisorService } from './view-advisor.service';
import { ViewProposalService } from './view-proposal.service';

/** The DBA's reports (which hold other users' questions): the advisor:read scope. */
@Controller('api/advisor')
@RequireScope('advisor:read')
export class ViewAdvisorController {
  constructor(
    private readonly advisor: ViewAdvisorService,
    private readonly proposals: ViewProposalService,
  ) {}

  @EventPattern(TOPICS.answered)
  async onAnswered(@Payload() message: AnsweredMessage): Promise<void> {
    await this.advisor.recordAnswered(message);
  }

  @EventPattern(TOPICS.failed)
  async onFailed(@Payload() message: FailedMessage): Promise<void> {
    await this.advisor.recordFailed(message);
  }

  @EventPattern(TOPICS.viewMissed)
  async onMissed(@Payload() message: ViewMissedMessage): Promise<void> {
    await this.advisor.recordMissed(message);
  }

  // Each report is read through the caller's access rules: an admin sees every view and question.
  @Get('usage')
  usage(@CurrentPrincipal() principal: Principal) {
    return this.advisor.usage(principal);
  }

  @Get('misses')
  misses(@CurrentPrincipal() principal: Principal) {
    return this.advisor.misses(principal);
  }

  /** Views to create for recurring misses (with DDL and a catalog draft) and views to retire. */
  @Get('proposals')
  proposalsReport(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    return this.proposals.report(principal, query);
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@chatbi/auth';
import type { AskResponse } from '@chatbi/contracts';
import { AskService } from './ask.service';
import { AnswerMetrics } from './metrics/answer.metrics';

@Controller('api')
export class AskController {
  constructor(
    private readonly asks: AskService,
    private readonly metrics: AnswerMetrics,
  ) {}

  @Post('ask')
  @HttpCode(200)
  ask(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AskResponse> {
    return this.metrics.observe('http', () => this.asks.ask(body, principal));
  }
}

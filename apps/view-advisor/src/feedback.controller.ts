import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal, callerKey, type Principal } from '@chatbi/auth';
import { FeedbackService } from './feedback.service';
import type { FeedbackReceipt } from './feedback.schema';

@Controller('api')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Post('feedback')
  @HttpCode(200)
  record(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<FeedbackReceipt> {
    return this.feedback.record(body, callerKey(principal));
  }
}

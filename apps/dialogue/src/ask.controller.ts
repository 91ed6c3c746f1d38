import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { SignedUser, TrustedProxyGuard, type TrustedUser } from '@chatbi/auth';
import type { AskResponse } from '@chatbi/contracts';
import { AskService } from './ask.service';

@Controller('api')
@UseGuards(TrustedProxyGuard)
export class AskController {
  constructor(private readonly asks: AskService) {}

  @Post('ask')
  @HttpCode(200)
  ask(@Body() body: unknown, @SignedUser() user: TrustedUser | undefined): Promise<AskResponse> {
    return this.asks.ask(body, user?.sub);
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CurrentPrincipal, type Principal } from '@chatbi/auth';
import type { AskResponse } from '@chatbi/contracts';
import { AskService } from './ask.service';

@Controller('api')
export class AskController {
  constructor(private readonly asks: AskService) {}

  @Post('ask')
  @HttpCode(200)
  ask(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<AskResponse> {
    return this.asks.ask(body, principal);
  }
}

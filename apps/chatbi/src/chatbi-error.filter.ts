import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ChatbiError } from '@chatbi/contracts';

/** Every HTTP error leaves as {error: {code, message, details?}} with the status its code names. */
@Catch()
export class ChatbiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ChatbiErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof ChatbiError) {
      response.status(exception.httpStatus).json({ error: exception.toBody() });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 413 ? 'QUESTION_TOO_LONG' : status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST';
      const message = status === 400 ? 'The request body is not valid JSON.' : exception.message;
      response.status(status).json({ error: { code, message } });
      return;
    }
    this.logger.error('unhandled error', exception as Error);
    response.status(500).json({ error: ChatbiError.from(exception).toBody() });
  }
}

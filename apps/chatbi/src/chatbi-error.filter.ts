import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChatbiError } from '@chatbi/contracts';

/** Every HTTP error leaves as {error: {code, message, details?}} with the status its code names. */
@Catch()
export class ChatbiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ChatbiErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (exception instanceof ChatbiError) {
      response.status(exception.httpStatus).json({ error: exception.toBody() });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 413 ? tooLargeCode(http.getRequest<Request>().path) : status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST';
      const message = status === 400 ? 'The request body is not valid JSON.' : exception.message;
      response.status(status).json({ error: { code, message } });
      return;
    }
    this.logger.error('unhandled error', exception as Error);
    response.status(500).json({ error: ChatbiError.from(exception).toBody() });
  }
}

/** Only a question can be too long; anything else over the body limit (a catalog file) is just too large. */
function tooLargeCode(path: string): 'QUESTION_TOO_LONG' | 'REQUEST_TOO_LARGE' {
  return path.startsWith('/api/ask') ? 'QUESTION_TOO_LONG' : 'REQUEST_TOO_LARGE';
}

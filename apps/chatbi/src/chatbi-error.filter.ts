import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ChatbiError, type ErrorCode } from '@chatbi/contracts';

/** An error of Express's body parser: an HTTP status and a type ('entity.too.large', 'entity.parse.failed', ...). */
interface BodyParserError {
  status: number;
  type: string;
}

/** Every HTTP error leaves as {error: {code, message, details?}} with the status its code names. */
@Catch()
export class ChatbiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(ChatbiErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    if (exception instanceof ChatbiError) {
      const retryAfter = exception.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') response.setHeader('retry-after', String(retryAfter));
      response.status(exception.httpStatus).json({ error: exception.toBody() });
      return;
    }
    if (isBodyParserError(exception)) {
      const error = bodyError(exception, http.getRequest<Request>().path);
      response.status(error.httpStatus).json({ error: error.toBody() });
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST';
      response.status(status).json({ error: { code, message: exception.message } });
      return;
    }
    this.logger.error('unhandled error', exception as Error);
    response.status(500).json({ error: ChatbiError.from(exception).toBody() });
  }
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const e = error as Partial<BodyParserError> | null;
  return typeof e?.status === 'number' && typeof e.type === 'string' && e.status >= 400 && e.status < 500;
}

/** Only a question can be too long; anything else over the body limit (a catalog file) is just too large. */
function bodyError(error: BodyParserError, path: string): ChatbiError {
  if (error.status === 413) {
    const code: ErrorCode = path.startsWith('/api/ask') ? 'QUESTION_TOO_LONG' : 'REQUEST_TOO_LARGE';
    return new ChatbiError(code, 'The request body is larger than ChatBI accepts (2 MB).');
  }
  if (error.status === 415) return new ChatbiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON.');
  return new ChatbiError('INVALID_REQUEST', 'The request body is not valid JSON.');
}

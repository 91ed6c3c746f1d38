import { ChatbiError } from './error-codes';

/**
 * What a caller is told of a failure inside the warehouse or ChatBI: that it happened and where
 * an operator finds it, not the engine's text, which names files, hosts and internals. The full
 * error goes to the log and the audit log under the same request id.
 */
export function publicError(error: ChatbiError, requestId: string): ChatbiError {
  switch (error.code) {
    case 'QUERY_FAILED':
      return new ChatbiError('QUERY_FAILED', `The warehouse could not run the query for this question; an operator finds the details in ChatBI's log under request ${requestId}.`);
    case 'WAREHOUSE_UNAVAILABLE':
      return new ChatbiError('WAREHOUSE_UNAVAILABLE', `The warehouse cannot be reached right now; please try again in a moment (request ${requestId} in ChatBI's log).`);
    case 'METADATA_UNAVAILABLE':
      return new ChatbiError('METADATA_UNAVAILABLE', `ChatBI cannot write its metadata database right now (request ${requestId} in its log); please try again later.`);
    case 'INTERNAL':
      return new ChatbiError('INTERNAL', `Something went wrong inside ChatBI; the error was logged under request ${requestId}.`);
    default:
      return error;
  }
}

/** A query outside the Spider subset (or not SQL at all); the scorer then scores an empty query. */
export class SpiderParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpiderParseError';
  }
}

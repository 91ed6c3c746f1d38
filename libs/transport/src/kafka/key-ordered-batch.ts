/** What became of a batch handled by handleInKeyOrder. */
export interface KeyOrderedOutcome {
  /** How many messages from the start of the batch were handled: the offsets that may be committed. */
  handledPrefix: number;
  /** The first error a handler threw; messages of the batch not yet started were left alone. */
  error?: unknown;
}

/**
 * Handles the messages of one fetched batch (one partition) concurrently across keys, in order
 * within a key: a session's messages never overtake each other, while other sessions on the same
 * partition do not wait for it. At most `concurrency` messages run at once. `mayStart` is asked
 * before each message (false once the consumer stops or the partition is taken away); after an
 * error, nothing new starts either, and the rest of the batch is left for redelivery.
 */
export async function handleInKeyOrder<M>(
  messages: readonly M[],
  keyOf: (message: M) => string,
  handle: (message: M) => Promise<void>,
  options: { concurrency: number; mayStart?: () => boolean },
): Promise<KeyOrderedOutcome> {
  const byKey = new Map<string, number[]>();
  messages.forEach((message, index) => {
    const key = keyOf(message);
    const list = byKey.get(key);
    if (list) list.push(index);
    else byKey.set(key, [index]);
  });
  const lanes = [...byKey.values()];
  const handled = new Array<boolean>(messages.length).fill(false);
  let error: unknown;
  let failed = false;
  let nextLane = 0;
  const worker = async () => {
    while (!failed && nextLane < lanes.length) {
      const lane = lanes[nextLane++];
      for (const index of lane) {
        if (failed || (options.mayStart && !options.mayStart())) return;
        try {
          await handle(messages[index]);
          handled[index] = true;
        } catch (e) {
          if (!failed) error = e;
          failed = true;
          return;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, lanes.length)) }, worker));
  let handledPrefix = 0;
  while (handledPrefix < handled.length && handled[handledPrefix]) handledPrefix++;
  return failed ? { handledPrefix, error } : { handledPrefix };
}

export class BulkheadFullError extends Error {
  constructor(readonly key: string) {
    super(`too many order starts waiting for ${key}`);
    this.name = 'BulkheadFullError';
  }
}

/**
 * Bounds workflow starts in flight per channel, with a short waiting line. A channel in a spike fills
 * only its own compartment, so the other channels' starts never queue behind it; past the waiting
 * line, callers are told to retry instead of piling up in memory.
 */
export class StartBulkhead {
  private readonly lanes = new Map<string, { active: number; waiting: Array<() => void> }>();

  constructor(
    private readonly maxConcurrent: number,
    private readonly maxWaiting: number,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const lane = this.lanes.get(key) ?? { active: 0, waiting: [] };
    this.lanes.set(key, lane);
    if (lane.active >= this.maxConcurrent) {
      if (lane.waiting.length >= this.maxWaiting) throw new BulkheadFullError(key);
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
    } else {
      lane.active += 1;
    }
    try {
      return await task();
    } finally {
      const next = lane.waiting.shift();
      if (next) next();
      else lane.active -= 1;
    }
  }

  inFlight(key: string): number {
    return this.lanes.get(key)?.active ?? 0;
  }
}

import type { TrackingLookup } from '../tracking-lookup';
import { FEDEX_MAX_NUMBERS_PER_REQUEST, type FedexClient } from './fedex-client';

export interface FedexTrackBatcher {
  /** Looks one number up, sharing a track request with the lookups asked for at about the same time. */
  trackOne(trackingNumber: string): Promise<TrackingLookup>;
}

/**
 * Coalesces single-number lookups (one per polling activity) into FedEx track requests of up to 30
 * numbers: a batch goes out when it is full or `maxWaitMs` after its first number arrived.
 */
export function createFedexTrackBatcher(client: FedexClient, maxWaitMs = 20): FedexTrackBatcher {
  type Waiter = { resolve: (lookup: TrackingLookup) => void; reject: (error: unknown) => void };
  let pending = new Map<string, Waiter[]>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    if (batch.size === 0) return;
    client.track([...batch.keys()]).then(
      (lookups) => {
        const byNumber = new Map(lookups.map((lookup) => [lookup.trackingNumber, lookup]));
        for (const [number, waiters] of batch) {
          const lookup = byNumber.get(number);
          for (const waiter of waiters) {
            if (lookup) waiter.resolve(lookup);
            else waiter.reject(new Error(`fedex: no lookup returned for ${number}`));
          }
        }
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    );
  }

  return {
    trackOne(trackingNumber) {
      const number = trackingNumber.trim();
      return new Promise<TrackingLookup>((resolve, reject) => {
        const waiters = pending.get(number) ?? [];
        waiters.push({ resolve, reject });
        pending.set(number, waiters);
        if (pending.size >= FEDEX_MAX_NUMBERS_PER_REQUEST) flush();
        else if (!timer) timer = setTimeout(flush, maxWaitMs);
      });
    },
  };
}

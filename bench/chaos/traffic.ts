import { driveOrder, type DrivenOrder, type OrderContext } from './order-driver';

/** Order numbers are handed out from here, so probes and every phase use distinct orders. */
export class OrderNumbers {
  private next = 0;
  take(): number {
    return this.next++;
  }
}

export interface TrafficOptions {
  /** At least this many orders. */
  orders: number;
  inFlight: number;
  /** One order in every `stormEvery` gets its events duplicated and shuffled. */
  stormEvery: number;
  /** More orders are placed while this says so (the faults are still running), up to `maxOrders`. */
  keepGoing: () => boolean;
  maxOrders: number;
  log: (line: string) => void;
}

export interface TrafficResult {
  orders: DrivenOrder[];
  failures: string[];
}

/** `inFlight` orders at a time, each driven from the channel's webhook to delivered. */
export async function runTraffic(
  context: OrderContext,
  numbers: OrderNumbers,
  options: TrafficOptions,
): Promise<TrafficResult> {
  const orders: DrivenOrder[] = [];
  const failures: string[] = [];
  let started = 0;
  const more = () => started < options.orders || (options.keepGoing() && started < options.maxOrders);
  const lane = async () => {
    while (more()) {
      started += 1;
      const n = numbers.take();
      try {
        orders.push(await driveOrder(context, n, n % options.stormEvery === 0));
        if (orders.length % 25 === 0) options.log(`  ${orders.length} orders delivered`);
      } catch (error) {
        failures.push(`order ${n}: ${String(error)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.inFlight }, lane));
  return { orders, failures };
}

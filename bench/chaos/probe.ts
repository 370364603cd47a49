import type { ProviderReceipts } from './messages';
import { placeOrder, type DrivenOrder, type OrderContext } from './order-driver';
import { awaitStatus } from './read-model';
import type { OrderNumbers } from './traffic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long after `from` a probe order was reserved in the read model, and its confirmation sent. */
export interface ProbeTimes {
  reservedMs: number;
  confirmedMs: number;
}

/**
 * A new order placed, reserved in the read model and its confirmation email accepted by SendGrid:
 * the API, the order worker and the projection working again, then the notification path (whose
 * time includes any backlog of messages the fault held up).
 */
export async function probeOrder(
  context: OrderContext,
  numbers: OrderNumbers,
  receipts: () => ProviderReceipts,
  probes: DrivenOrder[],
  from: number,
): Promise<ProbeTimes> {
  const orderId = await placeOrder(context, numbers.take());
  probes.push({ orderId, expected: 'reserved', stormed: false });
  await awaitStatus(context.db, orderId, ['reserved']);
  const reservedMs = Date.now() - from;
  const confirmation = `${orderId}|`;
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    const keys = [...receipts().byKey.keys()];
    if (keys.some((key) => key.startsWith(confirmation) && key.endsWith('|email')))
      return { reservedMs, confirmedMs: Date.now() - from };
    await sleep(200);
  }
  throw new Error(`probe ${orderId}: no confirmation email within 10 minutes`);
}

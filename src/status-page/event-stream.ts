import type { Request, Response } from 'express';
import type { CustomerOrderView } from './customer-view';
import type { OrderWatch } from './order-watch';

/**
 * Streams the order's customer view as server-sent events: `event: status`, `id:` the read-model
 * version, data the view. The current view goes out first unless the client's Last-Event-ID says it
 * already has it; then every change. Comments keep proxies from closing an idle stream.
 */
export function streamOrderStatus(
  watch: OrderWatch,
  current: CustomerOrderView,
  req: Request,
  res: Response,
  heartbeatMs: number,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const lastEventId = Number(req.header('last-event-id'));
  let lastSent = Number.isInteger(lastEventId) && lastEventId >= 0 ? lastEventId : -1;
  const send = (view: CustomerOrderView) => {
    if (view.version <= lastSent) return;
    lastSent = view.version;
    res.write(`id: ${view.version}\nevent: status\ndata: ${JSON.stringify(view)}\n\n`);
  };
  const unwatch = watch.watch(current.orderId, send);
  send(current);
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
  res.on('close', () => {
    clearInterval(heartbeat);
    unwatch();
  });
}

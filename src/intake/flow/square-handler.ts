import { retrieveOrder } from '../channel-apis/square-api';
import { parseSquareEvent, squareImpactHints, squareToIntent, verifySquare } from '../channels/square';
import { Rejection } from '../outcome';
import { problem } from '../types';
import { json, notAnOrder, requireAccount, trusted, unwrap, type ChannelHandler } from './handler-support';

/** Square webhook events, signed over the notification URL and body; order events name the order to fetch. */
export const square: ChannelHandler = {
  replayHeaders: ['x-square-hmacsha256-signature'],
  async open(delivery, { config }) {
    const account = requireAccount(config.square, delivery.routeAccountId, 'Square');
    if (
      !trusted(delivery) &&
      !verifySquare(delivery.rawBody, delivery.headers, account.signatureKey, account.notificationUrl)
    ) {
      throw new Rejection('verification', [
        problem('header:x-square-hmacsha256-signature', 'does not match the notification URL and body'),
      ]);
    }
    const payload = json(delivery);
    const event = unwrap(parseSquareEvent(payload));
    const base = { accountId: delivery.routeAccountId ?? '', deliveryId: event.eventId, payload };
    // A correctly signed event that names no order (the dashboard's test event carries a sample
    // merchant) only needs acknowledging.
    if (event.orderId === undefined) {
      return { ...base, hints: {}, notAnOrder: `event type ${event.type} is not an order intake` };
    }
    if (account.merchantId && event.merchantId !== account.merchantId) {
      throw new Rejection('verification', [
        problem('body.merchant_id', 'belongs to another Square merchant'),
      ]);
    }
    return { ...base, hints: squareImpactHints(payload), reference: event.orderId };
  },
  async interpret(opened, _delivery, { config }) {
    const ignored = notAnOrder(opened);
    if (ignored) return ignored;
    const account = requireAccount(config.square, opened.accountId, 'Square');
    const order = await retrieveOrder(account, opened.reference ?? '');
    return unwrap(squareToIntent(opened.accountId, order));
  },
};

import { constantTimeEqual } from '../../security/constant-time';
import { getOrder, getOrderItems } from '../channel-apis/amazon-sp-api';
import { amazonImpactHints, amazonToIntent, parseAmazonNotification } from '../channels/amazon';
import { Rejection } from '../outcome';
import { problem } from '../types';
import {
  bearer,
  json,
  notAnOrder,
  requireAccount,
  trusted,
  unwrap,
  type ChannelHandler,
} from './handler-support';

const AMAZON_STATUSES_WITH_ITEMS = new Set([
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
]);

/** Notifications that name no seller of ours (other types) are counted under this account. */
const ANY_SELLER = '*';

/** SP-API notifications relayed from SQS/EventBridge; the order itself is fetched from the Orders API. */
export const amazon: ChannelHandler = {
  replayHeaders: [],
  async open(delivery, { config }) {
    const token = config.amazon.notificationToken;
    if (token && !trusted(delivery) && !constantTimeEqual(token, bearer(delivery.headers) ?? '')) {
      throw new Rejection('verification', [
        problem('header:authorization', 'is not the notification relay token'),
      ]);
    }
    const payload = json(delivery);
    const notification = unwrap(parseAmazonNotification(payload));
    if (notification.sellerId === undefined) {
      return {
        accountId: ANY_SELLER,
        deliveryId: notification.notificationId,
        payload,
        hints: {},
        notAnOrder: `notification type ${notification.type} is not an order intake`,
      };
    }
    requireAccount(config.amazon.sellers, notification.sellerId, 'Amazon seller');
    return {
      accountId: notification.sellerId,
      deliveryId: notification.notificationId,
      payload,
      hints: amazonImpactHints(payload),
      reference: notification.amazonOrderId,
    };
  },
  // The notification only says that the order changed; the order itself comes from getOrder.
  async interpret(opened, _delivery, { config }) {
    const ignored = notAnOrder(opened);
    if (ignored) return ignored;
    const account = requireAccount(config.amazon.sellers, opened.accountId, 'Amazon seller');
    const order = (await getOrder(account, opened.reference ?? '')) as {
      OrderStatus?: unknown;
      FulfillmentChannel?: unknown;
    };
    const sellerShips =
      typeof order.OrderStatus === 'string' &&
      AMAZON_STATUSES_WITH_ITEMS.has(order.OrderStatus) &&
      order.FulfillmentChannel !== 'AFN';
    const items = sellerShips ? await getOrderItems(account, opened.reference ?? '') : [];
    return unwrap(amazonToIntent(opened.accountId, order, items), 'parsing');
  },
};

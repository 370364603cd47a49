import type { Queryable } from '../../db/database';
import type { SalesChannel } from '../../domain/order';
import type { IntakeConfig } from '../config';
import { problem, type FieldProblem } from '../types';

/**
 * True when the route names an account this service has: configured for its channel, or (REST) holding
 * a live API key. Channels that name their account in the body (Amazon) or have none (web) pass.
 */
export async function accountExists(
  db: Queryable,
  config: IntakeConfig,
  channel: SalesChannel,
  accountId: string,
): Promise<boolean> {
  if (accountId === '*') return true;
  switch (channel) {
    case 'shopify':
    case 'woocommerce':
    case 'square':
      return Object.hasOwn(config[channel], accountId);
    case 'rest': {
      const { rows } = await db.query(
        'SELECT 1 FROM intake_api_keys WHERE account_id = $1 AND revoked_at IS NULL LIMIT 1',
        [accountId],
      );
      return rows.length > 0;
    }
    default:
      return true;
  }
}

/**
 * What a delivery to an account we do not have is told: word for word what a forged delivery to one
 * we have is told, so the answer does not reveal which accounts exist.
 */
export const FORGED_DELIVERY_PROBLEM: Partial<Record<SalesChannel, FieldProblem>> = {
  shopify: problem(
    'header:x-shopify-hmac-sha256',
    "does not match the body signed with the shop's webhook secret",
  ),
  woocommerce: problem(
    'header:x-wc-webhook-signature',
    "does not match the body signed with the store's webhook secret",
  ),
  square: problem('header:x-square-hmacsha256-signature', 'does not match the notification URL and body'),
  rest: problem('header:authorization', 'must be "Bearer <API key>" with a live key of this channel account'),
};

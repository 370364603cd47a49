import type { Request, Response } from 'express';
import { sendProblem } from '../api/problem';
import type { CustomerLinkKeys } from './customer-link-keys';
import { verifyCustomerLink, verifyOrderLink, type CustomerScope } from './customer-links';

/** The query parameter links carry their token in. */
export const LINK_TOKEN_PARAM = 't';

/**
 * The customer link tokens a request carries: `Authorization: Bearer <token>` (in-app calls) and the
 * `t` query parameter (links in messages, and EventSource, which cannot set headers). Either may
 * open the route; a bearer credential of another kind (an operator's) does not hide a link's `t`.
 */
export function linkTokensOf(req: Request): string[] {
  const tokens: string[] = [];
  const bearer = req.header('authorization')?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  if (bearer) tokens.push(bearer);
  const query = (req.query as Record<string, unknown>)[LINK_TOKEN_PARAM];
  if (typeof query === 'string' && query.length > 0) tokens.push(query);
  return tokens;
}

export function orderLinkGranted(req: Request, orderId: string, keys?: CustomerLinkKeys): boolean {
  return linkTokensOf(req).some((token) => verifyOrderLink(token, orderId, keys ? { keys } : {}));
}

export function customerLinkScope(
  req: Request,
  customerId: string,
  keys?: CustomerLinkKeys,
): CustomerScope | undefined {
  for (const token of linkTokensOf(req)) {
    const scope = verifyCustomerLink(token, customerId, keys ? { keys } : {});
    if (scope) return scope;
  }
  return undefined;
}

/**
 * What every order route answers for an order it cannot show: unknown, or a missing, bad, expired
 * or foreign link. One answer for all, so a link cannot be used to learn whether an order exists.
 */
export function sendUnknownOrder(res: Response): void {
  sendProblem(res, 404, 'order_not_found', 'No such order is known.');
}

/** The customer routes' one answer for an unknown customer and for a missing or bad link. */
export function sendUnknownCustomer(res: Response): void {
  sendProblem(res, 404, 'customer_not_found', 'No such customer is known.');
}

/** The order ID prefix (`channel:account:`) of the orders a customer link may see. */
export function orderPrefixOf(scope: CustomerScope): string {
  return `${scope.channel}:${scope.accountId}:`;
}

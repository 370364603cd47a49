import { z } from 'zod';
import { LINK_TOKEN_PARAM } from '../../security/customer-link-request';
import type { ResponseDoc } from './operation';

// OpenAPI ignores header parameters named Authorization, so the bearer form is told here.
const TOKEN_TEXT =
  'The customer link token from the link in the customer’s message. In-app calls may send it as `Authorization: Bearer <token>` instead.';

/** `t`: the link token, as links carry it and as EventSource sends it. */
export const linkTokenQuery = z.object({ [LINK_TOKEN_PARAM]: z.string().optional().describe(TOKEN_TEXT) });

export const UNKNOWN_ORDER: ResponseDoc = {
  description: 'No such order, or no valid link for it (missing, bad, expired, another order’s): one answer.',
};
export const UNKNOWN_CUSTOMER: ResponseDoc = {
  description:
    'No valid link for this customer (missing, bad, expired, another customer’s): the same answer for every customer.',
};
export const TOO_MANY_STREAMS: Record<number, ResponseDoc> = {
  429: { description: 'Too many streams open for this order or customer; see Retry-After.' },
  503: { description: 'Too many streams open on this server, or it is shutting down; see Retry-After.' },
};

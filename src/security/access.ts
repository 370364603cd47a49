import type { OperatorScope } from './scopes';

/**
 * The door of a route: who may call it and with which credential.
 * - `public`: anyone.
 * - `operator`: an operator bearer token (bootstrap, service token or OIDC) holding one of `scopes`.
 * - `channel-key`: a sales channel's API key (`Authorization: Bearer ik_…`); it names the account.
 * - `signed-webhook`: a carrier, provider or channel webhook the route verifies by its signature.
 * - `customer-link`: a customer's signed link, checked by the route.
 */
export type RouteAccess =
  | { door: 'public' }
  | { door: 'operator'; scopes: readonly OperatorScope[]; audit?: string }
  | { door: 'channel-key' }
  | { door: 'signed-webhook' }
  | { door: 'customer-link' };

export type Door = RouteAccess['door'];

export const PUBLIC: RouteAccess = { door: 'public' };
export const CHANNEL_KEY: RouteAccess = { door: 'channel-key' };
export const SIGNED_WEBHOOK: RouteAccess = { door: 'signed-webhook' };
export const CUSTOMER_LINK: RouteAccess = { door: 'customer-link' };

/** An operator route open to any of `scopes` (admin always). */
export function operator(...scopes: OperatorScope[]): RouteAccess {
  return { door: 'operator', scopes };
}

/** An operator route whose every call is recorded with the caller's principal under `action`. */
export function auditedOperator(action: string, ...scopes: OperatorScope[]): RouteAccess {
  return { door: 'operator', scopes, audit: action };
}

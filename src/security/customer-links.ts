import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time';
import {
  customerLinkKeysFromEnv,
  customerLinkTtlMsFromEnv,
  type CustomerLinkKeys,
} from './customer-link-keys';

/**
 * Capability links for customers, who have no login: `<key id>.<claims>.<mac>`, all base64url.
 * A token grants one order (status page, its streams, the order's inbox stream) or one customer of
 * one sales channel account (preferences, push tokens, inbox, unsubscribe). The order ID or customer
 * ID it is bound to is not repeated in the token: it is in the URL and is part of what is signed.
 */

export interface CustomerScope {
  channel: string;
  accountId: string;
  customerId: string;
}

export interface IssueOptions {
  /** Lifetime from `now`; default CUSTOMER_LINK_TTL_DAYS (90 days). Ignored when expiresAt is given. */
  ttlMs?: number;
  expiresAt?: Date;
  now?: Date;
  keys?: CustomerLinkKeys;
}

export interface VerifyOptions {
  now?: Date;
  keys?: CustomerLinkKeys;
}

type Claims = { s: 'o'; e: number } | { s: 'c'; c: string; a: string; e: number };

const MAC_BYTES = 16;
const MAX_TOKEN_LENGTH = 1024;

function mac(secret: string, keyId: string, claims: string, subject: string): string {
  return createHmac('sha256', secret)
    .update(`customer-link/1\n${keyId}\n${claims}\n${subject}`)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url');
}

function expirySeconds(options: IssueOptions): number {
  const expiresAt =
    options.expiresAt?.getTime() ??
    (options.now?.getTime() ?? Date.now()) + (options.ttlMs ?? customerLinkTtlMsFromEnv());
  return Math.floor(expiresAt / 1000);
}

/** `o:<expiry>` or `c:<expiry>:<channel>:<account>`, expiry in base-36 seconds, parts URI-encoded. */
function encodeClaims(claims: Claims): string {
  const parts =
    claims.s === 'o'
      ? ['o', claims.e.toString(36)]
      : ['c', claims.e.toString(36), encodeURIComponent(claims.c), encodeURIComponent(claims.a)];
  return Buffer.from(parts.join(':')).toString('base64url');
}

function issue(claims: Claims, subject: string, keys: CustomerLinkKeys = customerLinkKeysFromEnv()): string {
  const encoded = encodeClaims(claims);
  const { id, secret } = keys.signing;
  return `${id}.${encoded}.${mac(secret, id, encoded, subject)}`;
}

const orderSubject = (orderId: string) => `order:${orderId}`;
const customerSubject = (customerId: string) => `customer:${customerId}`;

/** A link token for one order's status page and streams. */
export function issueOrderLink(orderId: string, options: IssueOptions = {}): string {
  return issue({ s: 'o', e: expirySeconds(options) }, orderSubject(orderId), options.keys);
}

/** A link token for one customer of one channel account. */
export function issueCustomerLink(customer: CustomerScope, options: IssueOptions = {}): string {
  const claims: Claims = { s: 'c', c: customer.channel, a: customer.accountId, e: expirySeconds(options) };
  return issue(claims, customerSubject(customer.customerId), options.keys);
}

function parseClaims(encoded: string): Claims | undefined {
  const parts = Buffer.from(encoded, 'base64url').toString('utf8').split(':');
  const expiry = /^[0-9a-z]{1,12}$/.test(parts[1] ?? '') ? parseInt(parts[1]!, 36) : NaN;
  if (!Number.isSafeInteger(expiry)) return undefined;
  try {
    if (parts[0] === 'o' && parts.length === 2) return { s: 'o', e: expiry };
    if (parts[0] === 'c' && parts.length === 4)
      return { s: 'c', e: expiry, c: decodeURIComponent(parts[2]!), a: decodeURIComponent(parts[3]!) };
  } catch {
    // A malformed %-escape: not a token this service issued.
  }
  return undefined;
}

/** The token's claims when it is well formed, signed by a known key for this subject and not expired. */
function verify(token: unknown, subject: string, options: VerifyOptions): Claims | undefined {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [keyId, encoded, presented] = parts as [string, string, string];
  const secret = (options.keys ?? customerLinkKeysFromEnv()).verifying.get(keyId);
  if (secret === undefined) return undefined;
  if (!constantTimeEqual(mac(secret, keyId, encoded, subject), presented)) return undefined;
  const claims = parseClaims(encoded);
  if (!claims) return undefined;
  const now = (options.now?.getTime() ?? Date.now()) / 1000;
  return claims.e > now ? claims : undefined;
}

/** Whether the token is a live link for exactly this order. */
export function verifyOrderLink(token: unknown, orderId: string, options: VerifyOptions = {}): boolean {
  return verify(token, orderSubject(orderId), options)?.s === 'o';
}

/** The customer scope a live link for this customer ID grants, or undefined. */
export function verifyCustomerLink(
  token: unknown,
  customerId: string,
  options: VerifyOptions = {},
): CustomerScope | undefined {
  const claims = verify(token, customerSubject(customerId), options);
  return claims?.s === 'c' ? { channel: claims.c, accountId: claims.a, customerId } : undefined;
}

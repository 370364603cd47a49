import { createHmac } from 'node:crypto';

export const DEVELOPMENT_CUSTOMER_SEARCH_KEY = 'development-customer-search-id-key';
const MIN_KEY_LENGTH = 16;

/** CUSTOMER_SEARCH_ID_KEY (16+ characters); unset, a development key production refuses. */
export function customerSearchKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.CUSTOMER_SEARCH_ID_KEY;
  if (key === undefined || key === '') return DEVELOPMENT_CUSTOMER_SEARCH_KEY;
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(`CUSTOMER_SEARCH_ID_KEY must be at least ${MIN_KEY_LENGTH} characters`);
  }
  return key;
}

/**
 * The `CustomerId` search attribute of an order: a keyed pseudonym of the channel's customer ID (which
 * may be a phone number or an email), `cs_` and the first 128 bits of HMAC-SHA256 over channel, account
 * and customer ID, base64url. Visibility holds no customer ID; whoever has the key computes the value
 * to search for (`npm run tokens -- customer-search-id <channel> <account> <customer>`). Without the key,
 * guessing phone numbers does not lead back to a customer.
 */
export function customerSearchId(
  key: string,
  channel: string,
  accountId: string,
  customerId: string,
): string {
  const mac = createHmac('sha256', key).update(`${channel}\n${accountId}\n${customerId}`).digest();
  return `cs_${mac.subarray(0, 16).toString('base64url')}`;
}

let processKey: string | undefined;

/** This process's key, read once from the environment. */
export function processCustomerSearchKey(): string {
  processKey ??= customerSearchKeyFromEnv();
  return processKey;
}

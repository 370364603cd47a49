/** One HMAC key for customer links; the ID travels in every token so older keys can still verify. */
export interface CustomerLinkKey {
  id: string;
  secret: string;
}

export interface CustomerLinkKeys {
  /** The key new links are signed with. */
  signing: CustomerLinkKey;
  /** Every key a presented link may be signed with (the signing key included), by ID. */
  verifying: ReadonlyMap<string, string>;
}

export const DEVELOPMENT_LINK_SECRET = 'development-customer-link-secret';
const DEFAULT_KEY_ID = 'k1';
const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const MIN_SECRET_LENGTH = 16;

function checkedKey(id: string, secret: string, variable: string): CustomerLinkKey {
  if (!KEY_ID.test(id)) throw new Error(`${variable}: key ID "${id}" must be 1-16 of A-Z a-z 0-9 _ -`);
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(
      `${variable}: the secret of key "${id}" must be at least ${MIN_SECRET_LENGTH} characters`,
    );
  return { id, secret };
}

/** `id:secret,id:secret`: the first key signs, all of them verify. */
export function parseCustomerLinkKeys(text: string, variable = 'CUSTOMER_LINK_KEYS'): CustomerLinkKeys {
  const keys = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new Error(`${variable}: each entry must be id:secret`);
      return checkedKey(entry.slice(0, colon), entry.slice(colon + 1), variable);
    });
  if (keys.length === 0) throw new Error(`${variable}: give at least one id:secret`);
  const verifying = new Map<string, string>();
  for (const key of keys) {
    if (verifying.has(key.id)) throw new Error(`${variable}: key ID "${key.id}" appears twice`);
    verifying.set(key.id, key.secret);
  }
  return { signing: keys[0]!, verifying };
}

export function singleCustomerLinkKey(secret: string, id = DEFAULT_KEY_ID): CustomerLinkKeys {
  const key = checkedKey(id, secret, 'CUSTOMER_LINK_SECRET');
  return { signing: key, verifying: new Map([[key.id, key.secret]]) };
}

const cache = new Map<string, CustomerLinkKeys>();

/**
 * CUSTOMER_LINK_KEYS (rotation list) wins over CUSTOMER_LINK_SECRET (one key, ID `k1`); with neither,
 * a fixed development secret, which production configuration must replace.
 */
export function customerLinkKeysFromEnv(env: NodeJS.ProcessEnv = process.env): CustomerLinkKeys {
  const list = env.CUSTOMER_LINK_KEYS?.trim();
  const secret = env.CUSTOMER_LINK_SECRET;
  const cacheKey = `${list ?? ''}\u0000${secret ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const keys = list
    ? parseCustomerLinkKeys(list)
    : singleCustomerLinkKey(secret && secret.length > 0 ? secret : DEVELOPMENT_LINK_SECRET);
  cache.set(cacheKey, keys);
  return keys;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_LINK_TTL_DAYS = 90;

/** How long a link sent to a customer stays valid: CUSTOMER_LINK_TTL_DAYS, default 90. */
export function customerLinkTtlMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CUSTOMER_LINK_TTL_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_LINK_TTL_DAYS * DAY_MS;
  const days = Number(raw);
  if (!Number.isFinite(days) || days <= 0)
    throw new Error('CUSTOMER_LINK_TTL_DAYS: must be a positive number of days');
  return days * DAY_MS;
}

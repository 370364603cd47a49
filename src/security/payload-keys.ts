import { createHash } from 'node:crypto';

/** The AES-256 keys payloads are encrypted with: one encrypts, every one of them decrypts. */
export interface PayloadKeyring {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
  /** The built-in key of the local demo: never for customer data in production. */
  demo: boolean;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_BYTES = 32;

export const DEMO_PAYLOAD_KEY_ID = 'local-demo';
/** Published with the code on purpose: anyone can decrypt what it encrypted. */
export const DEMO_PAYLOAD_KEY = createHash('sha256')
  .update('order-status-tracking local demo payload key')
  .digest();
export const DEMO_PAYLOAD_KEYS = `${DEMO_PAYLOAD_KEY_ID}:${DEMO_PAYLOAD_KEY.toString('base64')}`;

function parseKey(entry: string, variable: string): [string, Buffer] {
  const colon = entry.indexOf(':');
  if (colon <= 0) throw new Error(`${variable}: each entry must be <key id>:<base64 key>`);
  const id = entry.slice(0, colon);
  if (!KEY_ID.test(id)) throw new Error(`${variable}: key ID "${id}" must be 1-64 of A-Z a-z 0-9 . _ -`);
  const encoded = entry.slice(colon + 1);
  const key = Buffer.from(encoded, 'base64');
  const canonical = key.toString('base64').replace(/=+$/, '') === encoded.replace(/=+$/, '');
  if (key.length !== KEY_BYTES || !canonical) {
    throw new Error(
      `${variable}: key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`,
    );
  }
  return [id, key];
}

/**
 * `id:base64,id:base64`: every key decrypts; the one named by `activeKeyId` (the first when omitted)
 * encrypts. Rotating is adding a new key, making it active, and keeping the old ones listed for as
 * long as histories encrypted with them are kept.
 */
export function parsePayloadKeys(
  text: string,
  activeKeyId?: string,
  variables = { keys: 'TEMPORAL_PAYLOAD_KEYS', active: 'TEMPORAL_PAYLOAD_ACTIVE_KEY' },
): PayloadKeyring {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new Error(`${variables.keys}: give at least one <key id>:<base64 key>`);
  const keys = new Map<string, Buffer>();
  for (const entry of entries) {
    const [id, key] = parseKey(entry, variables.keys);
    if (keys.has(id)) throw new Error(`${variables.keys}: key ID "${id}" appears twice`);
    keys.set(id, key);
  }
  const active = activeKeyId || [...keys.keys()][0]!;
  if (!keys.has(active))
    throw new Error(`${variables.active}: "${active}" is not a key of ${variables.keys}`);
  const demo = [...keys.values()].some((key) => key.equals(DEMO_PAYLOAD_KEY));
  return { activeKeyId: active, keys, demo };
}

/** The built-in demo keyring (what `npm start` and tests run with when no key is configured). */
export function demoPayloadKeys(): PayloadKeyring {
  return parsePayloadKeys(DEMO_PAYLOAD_KEYS);
}

/** TEMPORAL_PAYLOAD_KEYS and TEMPORAL_PAYLOAD_ACTIVE_KEY; unset, the demo keyring. */
export function payloadKeysFromEnv(env: Record<string, string | undefined>): PayloadKeyring {
  const text = env.TEMPORAL_PAYLOAD_KEYS?.trim();
  if (!text) {
    if (env.TEMPORAL_PAYLOAD_ACTIVE_KEY)
      throw new Error('TEMPORAL_PAYLOAD_ACTIVE_KEY is set but TEMPORAL_PAYLOAD_KEYS is not');
    return demoPayloadKeys();
  }
  return parsePayloadKeys(text, env.TEMPORAL_PAYLOAD_ACTIVE_KEY?.trim());
}

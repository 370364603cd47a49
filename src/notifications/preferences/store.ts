import type { Queryable } from '../../db/database';
import type { CustomerKey } from '../customer-key';
import { isMessageChannel, type MessageChannel } from '../message-channels';
import { defaultPreferences, type CustomerPreferences, type DisabledChannel } from './preferences';

interface PreferencesRow {
  customer_id: string;
  channels: string[] | null;
  locale: string | null;
  time_zone: string | null;
  quiet_hours: { start?: string; end?: string } | null;
  disabled_channels: Partial<Record<MessageChannel, DisabledChannel>>;
}

function fromRow(row: PreferencesRow): CustomerPreferences {
  const defaults = defaultPreferences(row.customer_id);
  const quiet = row.quiet_hours;
  return {
    customerId: row.customer_id,
    channels: row.channels ? row.channels.filter(isMessageChannel) : defaults.channels,
    locale: row.locale ?? undefined,
    timeZone: row.time_zone ?? undefined,
    quietHours:
      quiet === null
        ? defaults.quietHours
        : quiet.start && quiet.end
          ? { start: quiet.start, end: quiet.end }
          : null,
    disabled: row.disabled_channels ?? {},
  };
}

/** The key's columns as query parameters $1–$3, in the order every statement here names them. */
const keyParams = (key: CustomerKey) => [key.channel, key.accountId, key.customerId];
const KEY_MATCH = 'sales_channel = $1 AND account_id = $2 AND customer_id = $3';

export async function getPreferences(db: Queryable, key: CustomerKey): Promise<CustomerPreferences> {
  const { rows } = await db.query<PreferencesRow>(
    `SELECT * FROM notification_preferences WHERE ${KEY_MATCH}`,
    keyParams(key),
  );
  return rows[0] ? fromRow(rows[0]) : defaultPreferences(key.customerId);
}

export interface PreferencesUpdate {
  channels?: MessageChannel[];
  locale?: string | null;
  timeZone?: string | null;
  quietHours?: { start: string; end: string } | null;
}

/** Applies the given fields; a channel the customer opts in to again is no longer disabled. */
export async function updatePreferences(
  db: Queryable,
  key: CustomerKey,
  update: PreferencesUpdate,
): Promise<CustomerPreferences> {
  const current = await getPreferences(db, key);
  const next: CustomerPreferences = {
    ...current,
    channels: update.channels ?? current.channels,
    locale: update.locale === undefined ? current.locale : (update.locale ?? undefined),
    timeZone: update.timeZone === undefined ? current.timeZone : (update.timeZone ?? undefined),
    quietHours: update.quietHours === undefined ? current.quietHours : update.quietHours,
    disabled: { ...current.disabled },
  };
  for (const channel of update.channels ?? []) {
    if (!current.channels.includes(channel)) delete next.disabled[channel];
  }
  await save(db, key, next);
  return next;
}

async function save(db: Queryable, key: CustomerKey, preferences: CustomerPreferences): Promise<void> {
  await db.query(
    `INSERT INTO notification_preferences (sales_channel, account_id, customer_id, channels, locale, time_zone,
       quiet_hours, disabled_channels, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (sales_channel, account_id, customer_id) DO UPDATE SET channels = EXCLUDED.channels,
       locale = EXCLUDED.locale, time_zone = EXCLUDED.time_zone, quiet_hours = EXCLUDED.quiet_hours,
       disabled_channels = EXCLUDED.disabled_channels, updated_at = now()`,
    [
      ...keyParams(key),
      preferences.channels,
      preferences.locale ?? null,
      preferences.timeZone ?? null,
      JSON.stringify(preferences.quietHours ?? {}),
      JSON.stringify(preferences.disabled),
    ],
  );
}

/** The customer asked to stop (unsubscribe link, SMS STOP): the channel leaves the opt-ins. */
export async function optOut(
  db: Queryable,
  key: CustomerKey,
  channel: MessageChannel,
): Promise<CustomerPreferences> {
  const current = await getPreferences(db, key);
  return updatePreferences(db, key, { channels: current.channels.filter((c) => c !== channel) });
}

/** The provider says the address cannot receive (hard bounce, invalid number): stop using it. */
export async function disableChannel(
  db: Queryable,
  key: CustomerKey,
  channel: MessageChannel,
  reason: string,
  recipient?: string,
): Promise<void> {
  // Feedback for two channels of one customer can arrive at once; within the caller's transaction this
  // lock makes the read-modify-write below one at a time, so neither disabling is lost.
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `notification_preferences:${JSON.stringify(keyParams(key))}`,
  ]);
  const current = await getPreferences(db, key);
  current.disabled[channel] = { reason, recipient, at: new Date().toISOString() };
  await save(db, key, current);
}

export interface PushToken {
  token: string;
  platform: 'android' | 'ios' | 'web';
}

/** What the customer allows and the devices they registered, read at one moment for one notice. */
export interface CustomerContacts {
  preferences: CustomerPreferences;
  pushTokens: PushToken[];
}

/** The push devices are read only when asked for (`withPushTokens`); otherwise none are listed. */
export async function getContacts(
  db: Queryable,
  key: CustomerKey,
  withPushTokens = true,
): Promise<CustomerContacts> {
  const preferences = await getPreferences(db, key);
  return { preferences, pushTokens: withPushTokens ? await listPushTokens(db, key) : [] };
}

export async function listPushTokens(db: Queryable, key: CustomerKey): Promise<PushToken[]> {
  const { rows } = await db.query<PushToken>(
    `SELECT token, platform FROM notification_push_tokens WHERE ${KEY_MATCH} ORDER BY created_at, token`,
    keyParams(key),
  );
  return rows;
}

/** A device belongs to one customer of an account at a time: registering it again moves it. */
export async function registerPushToken(db: Queryable, key: CustomerKey, token: PushToken): Promise<void> {
  await db.query(
    `INSERT INTO notification_push_tokens (sales_channel, account_id, customer_id, token, platform)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sales_channel, account_id, token)
     DO UPDATE SET customer_id = EXCLUDED.customer_id, platform = EXCLUDED.platform`,
    [...keyParams(key), token.token, token.platform],
  );
}

/** Removes one of this customer's device tokens; false when the customer has no such token. */
export async function removePushToken(db: Queryable, key: CustomerKey, token: string): Promise<boolean> {
  const { rows } = await db.query(
    `DELETE FROM notification_push_tokens WHERE ${KEY_MATCH} AND token = $4 RETURNING token`,
    [...keyParams(key), token],
  );
  return rows.length > 0;
}

/**
 * Every customer key a customer ID has had messages or orders under. Only for what names no account
 * (unsubscribe links sent before customer links): an opt-out then applies to each of them.
 */
export async function customerKeysOfId(db: Queryable, customerId: string): Promise<CustomerKey[]> {
  const { rows } = await db.query<CustomerKey>(
    `SELECT channel, account_id AS "accountId", customer_id AS "customerId" FROM orders WHERE customer_id = $1
     UNION
     SELECT split_part(order_id, ':', 1), split_part(order_id, ':', 2), customer_id
       FROM notification_deliveries WHERE customer_id = $1 AND split_part(order_id, ':', 3) <> ''`,
    [customerId],
  );
  return rows;
}

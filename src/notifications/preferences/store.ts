import type { Queryable } from '../../db/database';
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

export async function getPreferences(db: Queryable, customerId: string): Promise<CustomerPreferences> {
  const { rows } = await db.query<PreferencesRow>(
    'SELECT * FROM notification_preferences WHERE customer_id = $1',
    [customerId],
  );
  return rows[0] ? fromRow(rows[0]) : defaultPreferences(customerId);
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
  customerId: string,
  update: PreferencesUpdate,
): Promise<CustomerPreferences> {
  const current = await getPreferences(db, customerId);
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
  await save(db, next);
  return next;
}

async function save(db: Queryable, preferences: CustomerPreferences): Promise<void> {
  await db.query(
    `INSERT INTO notification_preferences (customer_id, channels, locale, time_zone, quiet_hours, disabled_channels, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (customer_id) DO UPDATE SET channels = EXCLUDED.channels, locale = EXCLUDED.locale,
       time_zone = EXCLUDED.time_zone, quiet_hours = EXCLUDED.quiet_hours,
       disabled_channels = EXCLUDED.disabled_channels, updated_at = now()`,
    [
      preferences.customerId,
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
  customerId: string,
  channel: MessageChannel,
): Promise<CustomerPreferences> {
  const current = await getPreferences(db, customerId);
  return updatePreferences(db, customerId, { channels: current.channels.filter((c) => c !== channel) });
}

/** The provider says the address cannot receive (hard bounce, invalid number): stop using it. */
export async function disableChannel(
  db: Queryable,
  customerId: string,
  channel: MessageChannel,
  reason: string,
  recipient?: string,
): Promise<void> {
  // Feedback for two channels of one customer can arrive at once; within the caller's transaction this
  // lock makes the read-modify-write below one at a time, so neither disabling is lost.
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`notification_preferences:${customerId}`]);
  const current = await getPreferences(db, customerId);
  current.disabled[channel] = { reason, recipient, at: new Date().toISOString() };
  await save(db, current);
}

export interface PushToken {
  token: string;
  platform: 'android' | 'ios' | 'web';
}

export async function listPushTokens(db: Queryable, customerId: string): Promise<PushToken[]> {
  const { rows } = await db.query<PushToken>(
    'SELECT token, platform FROM notification_push_tokens WHERE customer_id = $1 ORDER BY created_at, token',
    [customerId],
  );
  return rows;
}

export async function registerPushToken(db: Queryable, customerId: string, token: PushToken): Promise<void> {
  await db.query(
    `INSERT INTO notification_push_tokens (token, customer_id, platform) VALUES ($1, $2, $3)
     ON CONFLICT (token) DO UPDATE SET customer_id = EXCLUDED.customer_id, platform = EXCLUDED.platform`,
    [token.token, customerId, token.platform],
  );
}

/** Removes a device token; given a customer, only when it is that customer's. */
export async function removePushToken(db: Queryable, token: string, customerId?: string): Promise<boolean> {
  const { rows } = await db.query(
    `DELETE FROM notification_push_tokens WHERE token = $1 AND ($2::text IS NULL OR customer_id = $2)
     RETURNING token`,
    [token, customerId ?? null],
  );
  return rows.length > 0;
}

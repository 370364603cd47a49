import type { Queryable } from '../../src/db/database';
import { DELIVERY_KEY_ARG } from '../../src/notifications/providers/sendgrid-email';
import type { ChaosProviders } from './providers';
import { persistently } from './read-model';

/** One notification delivery record: a message to one customer on one channel for one order event. */
export interface DeliveryRow {
  order_id: string;
  event_id: string;
  channel: string;
  milestone: string;
  delivery_key: string;
  status: string;
  fallback_for: string | null;
  provider_message_id: string | null;
  requested_at: Date;
  dead_letter_reason: string | null;
}

export async function deliveryRows(db: Queryable): Promise<DeliveryRow[]> {
  const { rows } = await persistently(() =>
    db.query<DeliveryRow>(
      `SELECT d.order_id, d.event_id, d.channel, d.milestone, d.delivery_key, d.status, d.fallback_for,
              d.provider_message_id, d.requested_at, l.reason AS dead_letter_reason
         FROM notification_deliveries d
         LEFT JOIN notification_dead_letters l USING (order_id, event_id, channel)`,
    ),
  );
  return rows;
}

/** What the provider simulators accepted, as acceptance times per message (several = a duplicate). */
export interface ProviderReceipts {
  /** By delivery key (SendGrid custom arg, FCM data); Twilio by message SID. */
  byKey: Map<string, number[]>;
  /** Twilio messages by recipient and text: the same SMS twice is a duplicate whatever its SID. */
  smsByText: Map<string, number[]>;
  /** Twilio acceptance time by SID. */
  smsBySid: Map<string, number>;
}

function add(map: Map<string, number[]>, key: string | undefined, at: string): void {
  if (!key) return;
  const times = map.get(key) ?? [];
  times.push(new Date(at).getTime());
  map.set(key, times);
}

export function providerReceipts(providers: ChaosProviders): ProviderReceipts {
  const byKey = new Map<string, number[]>();
  for (const email of providers.sendgrid.received())
    add(byKey, email.customArgs[DELIVERY_KEY_ARG], email.receivedAt);
  for (const push of providers.fcm.received()) add(byKey, push.data.delivery_key, push.receivedAt);
  const smsByText = new Map<string, number[]>();
  const smsBySid = new Map<string, number>();
  for (const sms of providers.twilio.received()) {
    add(smsByText, `${sms.to}|${sms.body}`, sms.date_created);
    smsBySid.set(sms.sid, new Date(sms.date_created).getTime());
  }
  return { byKey, smsByText, smsBySid };
}

/** When the provider first accepted the message of this record, or undefined if it never did. */
export function firstAcceptance(row: DeliveryRow, receipts: ProviderReceipts): number | undefined {
  if (row.channel === 'sms')
    return row.provider_message_id ? receipts.smsBySid.get(row.provider_message_id) : undefined;
  const times = receipts.byKey.get(row.delivery_key);
  return times ? Math.min(...times) : undefined;
}

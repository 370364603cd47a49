import type { Queryable } from '../db/database';
import type { Carrier, CarrierTrackingEvent } from '../domain/tracking-status';

export interface UnknownTrackingNumber {
  carrier: Carrier;
  trackingNumber: string;
  firstSeenAt: string;
  lastSeenAt: string;
  eventCount: number;
  lastVia: CarrierTrackingEvent['via'];
  lastEvent: CarrierTrackingEvent;
}

export interface UnknownTrackingLog {
  /** Records events whose tracking number no order owns: one row per number, counting events. */
  record(events: readonly CarrierTrackingEvent[], seenAt?: Date): Promise<void>;
  /** Most recently seen first. */
  list(limit?: number): Promise<UnknownTrackingNumber[]>;
}

interface Row {
  carrier: Carrier;
  tracking_number: string;
  first_seen_at: Date | string;
  last_seen_at: Date | string;
  event_count: number;
  last_via: CarrierTrackingEvent['via'];
  last_event: CarrierTrackingEvent | string;
}

const iso = (value: Date | string) =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();

export function createUnknownTrackingLog(db: Queryable): UnknownTrackingLog {
  return {
    async record(events, seenAt = new Date()) {
      const byNumber = new Map<string, CarrierTrackingEvent[]>();
      for (const event of events) {
        const key = `${event.carrier}\n${event.trackingNumber}`;
        byNumber.set(key, [...(byNumber.get(key) ?? []), event]);
      }
      for (const group of byNumber.values()) {
        const latest = group.reduce((a, b) => (Date.parse(b.occurredAt) >= Date.parse(a.occurredAt) ? b : a));
        await db.query(
          `INSERT INTO carrier_unknown_tracking
             (carrier, tracking_number, first_seen_at, last_seen_at, event_count, last_via, last_event)
           VALUES ($1, $2, $3, $3, $4, $5, $6)
           ON CONFLICT (carrier, tracking_number) DO UPDATE SET
             last_seen_at = GREATEST(carrier_unknown_tracking.last_seen_at, EXCLUDED.last_seen_at),
             event_count = carrier_unknown_tracking.event_count + EXCLUDED.event_count,
             last_via = EXCLUDED.last_via,
             last_event = EXCLUDED.last_event`,
          [
            latest.carrier,
            latest.trackingNumber,
            seenAt.toISOString(),
            group.length,
            latest.via,
            JSON.stringify(latest),
          ],
        );
      }
    },

    async list(limit = 100) {
      const { rows } = await db.query<Row>(
        `SELECT carrier, tracking_number, first_seen_at, last_seen_at, event_count, last_via, last_event
           FROM carrier_unknown_tracking ORDER BY last_seen_at DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ({
        carrier: row.carrier,
        trackingNumber: row.tracking_number,
        firstSeenAt: iso(row.first_seen_at),
        lastSeenAt: iso(row.last_seen_at),
        eventCount: Number(row.event_count),
        lastVia: row.last_via,
        lastEvent:
          typeof row.last_event === 'string'
            ? (JSON.parse(row.last_event) as CarrierTrackingEvent)
            : row.last_event,
      }));
    },
  };
}

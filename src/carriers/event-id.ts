import { createHash } from 'node:crypto';
import type { Carrier } from '../domain/tracking-status';

export interface EventIdentity {
  carrier: Carrier;
  trackingNumber: string;
  /** The carrier's raw code of the scan. */
  code: string;
  /** The carrier's timestamp of the scan, any ISO 8601 form. */
  occurredAt: string;
  /** The provider's own event ID, when it has one. */
  providerEventId?: string;
}

/**
 * The stable ID of a tracking event: the provider's ID where one exists, else a SHA-256 of
 * carrier + tracking number + code + instant. The instant is normalized to UTC milliseconds, so the same
 * scan reported by a webhook and by polling (in different offsets) gets the same ID.
 */
export function trackingEventId(identity: EventIdentity): string {
  if (identity.providerEventId && identity.providerEventId.trim() !== '') {
    return `${identity.carrier}:${identity.providerEventId.trim()}`;
  }
  const instant = Date.parse(identity.occurredAt);
  const when = Number.isNaN(instant) ? identity.occurredAt.trim() : new Date(instant).toISOString();
  const digest = createHash('sha256')
    .update(
      [
        identity.carrier,
        identity.trackingNumber.trim().toUpperCase(),
        identity.code.trim().toUpperCase(),
        when,
      ].join('\n'),
    )
    .digest('hex');
  return `${identity.carrier}:${digest}`;
}

import { z } from 'zod';
import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import { buildTrackingEvent, finishTimeline, formatLocation } from '../build-event';
import { mapAfterShipCheckpoint } from '../status/aftership-status';
import { toIsoInstant } from '../timestamps';
import { carrierFromAggregatorName } from './aggregator-carrier';
import { constantTimeEqual } from '../../security/constant-time';
import { hmacSha256 } from './signatures';
import { describeIssues, parseJsonBody, type WebhookParseResult } from './webhook-result';

export const AFTERSHIP_SIGNATURE_HEADER = 'aftership-hmac-sha256';

/** AfterShip: base64 HMAC-SHA256 of the raw body, keyed with the webhook secret. */
export function signAfterShipBody(rawBody: Buffer | string, webhookSecret: string): string {
  return hmacSha256(webhookSecret, rawBody).toString('base64');
}

export function verifyAfterShipSignature(
  rawBody: Buffer,
  signature: string | undefined,
  webhookSecret: string,
): boolean {
  if (!signature) return false;
  return constantTimeEqual(signAfterShipBody(rawBody, webhookSecret), signature);
}

const checkpointSchema = z.object({
  checkpoint_time: z.string(),
  tag: z.string().optional(),
  subtag: z.string().nullish(),
  subtag_message: z.string().nullish(),
  raw_tag: z.string().nullish(),
  message: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  country_iso3: z.string().nullish(),
  location: z.string().nullish(),
});

export const afterShipWebhookSchema = z.object({
  event: z.string(),
  event_id: z.string().optional(),
  msg: z.object({
    tracking_number: z.string().min(1),
    slug: z.string(),
    tag: z.string().optional(),
    subtag: z.string().nullish(),
    expected_delivery: z.string().nullish(),
    checkpoints: z.array(checkpointSchema),
  }),
});

/**
 * An AfterShip tracking_update: each checkpoint becomes an event. AfterShip retries up to 14 times, so
 * the same checkpoints arrive again; their stable IDs let the order apply them once.
 */
export function parseAfterShipWebhook(rawBody: Buffer): WebhookParseResult {
  const json = parseJsonBody(rawBody);
  if (!json.ok) return json;
  const parsed = afterShipWebhookSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error.issues) };
  const { msg } = parsed.data;
  const carrier = carrierFromAggregatorName(msg.slug);
  if (!carrier) return { ok: true, events: [], ignored: `carrier ${msg.slug} is not tracked` };
  const trackingNumber = msg.tracking_number.trim();
  const events: CarrierTrackingEvent[] = [];
  for (const [index, checkpoint] of msg.checkpoints.entries()) {
    // AfterShip gives the carrier's local time, with an offset when the carrier reports one; none is read as UTC.
    const occurredAt = toIsoInstant(checkpoint.checkpoint_time);
    if (!occurredAt)
      return { ok: false, problem: `msg.checkpoints.${index}.checkpoint_time: not a date-time` };
    events.push(
      buildTrackingEvent({
        carrier,
        trackingNumber,
        mapped: mapAfterShipCheckpoint(checkpoint),
        occurredAt,
        via: 'aftership',
        location:
          checkpoint.location ?? formatLocation(checkpoint.city, checkpoint.state, checkpoint.country_iso3),
      }),
    );
  }
  return { ok: true, events: finishTimeline(events, msg.expected_delivery ?? undefined) };
}

import { z } from 'zod';
import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import { buildTrackingEvent, finishTimeline, formatLocation } from '../build-event';
import { mapEasyPostDetail } from '../status/easypost-status';
import { toIsoInstant } from '../timestamps';
import { carrierFromAggregatorName } from './aggregator-carrier';
import { constantTimeEqual } from '../../security/constant-time';
import { hmacSha256 } from './signatures';
import { describeIssues, parseJsonBody, type WebhookParseResult } from './webhook-result';

export const EASYPOST_SIGNATURE_HEADER = 'x-hmac-signature';

/** EasyPost: "hmac-sha256-hex=" + hex HMAC-SHA256 of the raw body, keyed with the NFKD-normalized secret. */
export function signEasyPostBody(rawBody: Buffer | string, webhookSecret: string): string {
  return `hmac-sha256-hex=${hmacSha256(webhookSecret.normalize('NFKD'), rawBody).toString('hex')}`;
}

export function verifyEasyPostSignature(
  rawBody: Buffer,
  signature: string | undefined,
  webhookSecret: string,
): boolean {
  if (!signature) return false;
  return constantTimeEqual(signEasyPostBody(rawBody, webhookSecret), signature);
}

const trackingDetailSchema = z.object({
  status: z.string(),
  status_detail: z.string().nullish(),
  message: z.string().nullish(),
  description: z.string().nullish(),
  datetime: z.string(),
  carrier_code: z.string().nullish(),
  tracking_location: z
    .object({ city: z.string().nullish(), state: z.string().nullish(), country: z.string().nullish() })
    .nullish(),
});

export const easyPostEventSchema = z.object({
  id: z.string(),
  description: z.string(),
  result: z.unknown(),
});

export const trackerSchema = z.object({
  tracking_code: z.string().min(1),
  carrier: z.string(),
  est_delivery_date: z.string().nullish(),
  tracking_details: z.array(trackingDetailSchema),
});

/**
 * An EasyPost Event. tracker.created / tracker.updated carry the whole tracker: every tracking detail
 * becomes an event (the history repeats on each push; stable IDs make the repeats harmless). Other
 * event kinds and carriers the service does not track are acknowledged and ignored.
 */
export function parseEasyPostWebhook(rawBody: Buffer): WebhookParseResult {
  const json = parseJsonBody(rawBody);
  if (!json.ok) return json;
  const event = easyPostEventSchema.safeParse(json.value);
  if (!event.success) return { ok: false, problem: describeIssues(event.error.issues) };
  if (event.data.description !== 'tracker.updated' && event.data.description !== 'tracker.created') {
    return { ok: true, events: [], ignored: `event ${event.data.description} is not a tracker event` };
  }
  const tracker = trackerSchema.safeParse(event.data.result);
  if (!tracker.success) {
    return {
      ok: false,
      problem: describeIssues(tracker.error.issues.map((i) => ({ ...i, path: ['result', ...i.path] }))),
    };
  }
  const carrier = carrierFromAggregatorName(tracker.data.carrier);
  if (!carrier) return { ok: true, events: [], ignored: `carrier ${tracker.data.carrier} is not tracked` };
  const trackingNumber = tracker.data.tracking_code.trim();
  const events: CarrierTrackingEvent[] = [];
  for (const [index, detail] of tracker.data.tracking_details.entries()) {
    const occurredAt = toIsoInstant(detail.datetime);
    if (!occurredAt)
      return { ok: false, problem: `result.tracking_details.${index}.datetime: not a date-time` };
    const place = detail.tracking_location;
    events.push(
      buildTrackingEvent({
        carrier,
        trackingNumber,
        mapped: mapEasyPostDetail(detail),
        occurredAt,
        via: 'easypost',
        location: formatLocation(place?.city, place?.state, place?.country),
      }),
    );
  }
  return { ok: true, events: finishTimeline(events, tracker.data.est_delivery_date ?? undefined) };
}

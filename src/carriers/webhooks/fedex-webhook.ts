import { parseFedexCompleteTrackResult } from '../fedex/fedex-track-parser';
import { fedexCompleteTrackResultSchema } from '../fedex/fedex-track-schema';
import { constantTimeEqual } from '../../security/constant-time';
import { hmacSha256 } from './signatures';
import { describeIssues, parseJsonBody, type WebhookParseResult } from './webhook-result';

export const FEDEX_SIGNATURE_HEADER = 'fdx-signature';

/** FedEx signs the raw body: base64 HMAC-SHA256 keyed with the webhook project's security token. */
export function signFedexBody(rawBody: Buffer | string, securityToken: string): string {
  return hmacSha256(securityToken, rawBody).toString('base64');
}

export function verifyFedexSignature(
  rawBody: Buffer,
  signature: string | undefined,
  securityToken: string,
): boolean {
  if (!signature) return false;
  return constantTimeEqual(signFedexBody(rawBody, securityToken), signature);
}

/**
 * A FedEx push carries one shipment's track result in the Track API's CompleteTrackResult shape
 * (trackingNumber + trackResults with scanEvents, latestStatusDetail and delivery estimates).
 */
export function parseFedexWebhook(rawBody: Buffer): WebhookParseResult {
  const json = parseJsonBody(rawBody);
  if (!json.ok) return json;
  const parsed = fedexCompleteTrackResultSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error.issues) };
  if (!parsed.data.trackResults || parsed.data.trackResults.length === 0) {
    return { ok: false, problem: 'trackResults: required, with at least one result' };
  }
  const lookups = parseFedexCompleteTrackResult(parsed.data, 'fedex');
  const events = lookups.flatMap((lookup) => (lookup.found ? lookup.events : []));
  const missingNumber = lookups.find((lookup) => lookup.trackingNumber === '');
  if (missingNumber) return { ok: false, problem: 'trackingNumber: required' };
  return { ok: true, events };
}

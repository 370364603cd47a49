import { z } from 'zod';
import { buildTrackingEvent, formatLocation } from '../build-event';
import { mapUpsStatus } from '../status/ups-status';
import { upsDateToIsoDate, upsGmtToIso, upsLocalToIso } from '../timestamps';
import { constantTimeEqual } from '../../security/constant-time';
import { hmacSha256 } from './signatures';
import { describeIssues, parseJsonBody, type WebhookParseResult } from './webhook-result';

/**
 * UPS Track Alert authenticates its pushes with OAuth client credentials that we issue: UPS fetches a
 * token from our token URL (HTTP Basic client_id:client_secret) and sends it as a bearer token, with
 * the client ID in x-api-key. Tokens are stateless (HMAC-signed with the client secret), so any API
 * process can verify them.
 */
export interface UpsWebhookCredentials {
  clientId: string;
  clientSecret: string;
  /** Token lifetime; default 3600 s. */
  tokenTtlSeconds?: number;
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export function issueUpsWebhookToken(
  credentials: UpsWebhookCredentials,
  nowMs: number,
): { access_token: string; token_type: 'Bearer'; expires_in: number } {
  const ttl = credentials.tokenTtlSeconds ?? 3600;
  const payload = base64url(
    JSON.stringify({ sub: credentials.clientId, exp: Math.floor(nowMs / 1000) + ttl }),
  );
  const signature = base64url(hmacSha256(credentials.clientSecret, payload));
  return { access_token: `${payload}.${signature}`, token_type: 'Bearer', expires_in: ttl };
}

/** Checks HTTP Basic client credentials presented to our token endpoint. */
export function verifyUpsClientCredentials(
  authorization: string | undefined,
  credentials: UpsWebhookCredentials,
): boolean {
  const match = /^Basic\s+(.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return constantTimeEqual(`${credentials.clientId}:${credentials.clientSecret}`, decoded);
}

/** Checks the bearer token and x-api-key of a Track Alert push. */
export function verifyUpsWebhookCredentials(
  authorization: string | undefined,
  apiKey: string | undefined,
  credentials: UpsWebhookCredentials,
  nowMs: number,
): boolean {
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match?.[1] || !match[2]) return false;
  const [, payload, signature] = match;
  if (!constantTimeEqual(base64url(hmacSha256(credentials.clientSecret, payload)), signature)) return false;
  if (apiKey !== undefined && !constantTimeEqual(credentials.clientId, apiKey)) return false;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      sub?: unknown;
      exp?: unknown;
    };
    return claims.sub === credentials.clientId && typeof claims.exp === 'number' && claims.exp * 1000 > nowMs;
  } catch {
    return false;
  }
}

/**
 * How this service knows a push comes from UPS. Track Alert v1 sends back, in the `credential`
 * header, the credential given as destination.credential in the subscription; v2 subscriptions
 * (webhook credentials managed in the UPS portal) present a bearer token from our token URL.
 */
export interface UpsWebhookSecrets {
  credential?: string;
  oauth?: UpsWebhookCredentials;
}

export const UPS_CREDENTIAL_HEADER = 'credential';

export interface UpsPushHeaders {
  credential?: string;
  authorization?: string;
  apiKey?: string;
}

/** Checks a Track Alert push; on refusal, says what was missing or wrong. */
export function authenticateUpsPush(
  headers: UpsPushHeaders,
  secrets: UpsWebhookSecrets,
  nowMs: number,
): { ok: true } | { ok: false; detail: string } {
  if (headers.credential !== undefined) {
    if (secrets.credential && constantTimeEqual(secrets.credential, headers.credential)) return { ok: true };
    return { ok: false, detail: 'The credential header does not match the subscription credential.' };
  }
  if (headers.authorization !== undefined) {
    const { oauth } = secrets;
    if (oauth && verifyUpsWebhookCredentials(headers.authorization, headers.apiKey, oauth, nowMs))
      return { ok: true };
    return { ok: false, detail: 'The bearer token is not valid.' };
  }
  return { ok: false, detail: 'The credential header is missing.' };
}

export const upsTrackAlertSchema = z.object({
  trackingNumber: z.string().min(1),
  localActivityDate: z.string().optional(),
  localActivityTime: z.string().optional(),
  gmtActivityDate: z.string().optional(),
  gmtActivityTime: z.string().optional(),
  gmtOffset: z.string().optional(),
  activityLocation: z
    .object({
      city: z.string().optional(),
      stateProvince: z.string().optional(),
      country: z.string().optional(),
    })
    .optional(),
  activityStatus: z.object({
    type: z.string().optional(),
    code: z.string().optional(),
    description: z.string().optional(),
    descriptionCode: z.union([z.string(), z.number()]).optional(),
  }),
  scheduledDeliveryDate: z.string().optional(),
  actualDeliveryDate: z.string().optional(),
});

/** One Track Alert TrackingEvent body → one normalized event. */
export function parseUpsTrackAlert(rawBody: Buffer): WebhookParseResult {
  const json = parseJsonBody(rawBody);
  if (!json.ok) return json;
  const parsed = upsTrackAlertSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error.issues) };
  const body = parsed.data;
  const occurredAt =
    upsGmtToIso(body.gmtActivityDate, body.gmtActivityTime) ??
    upsLocalToIso(body.localActivityDate, body.localActivityTime, body.gmtOffset);
  if (!occurredAt)
    return { ok: false, problem: 'gmtActivityDate/gmtActivityTime: missing or not YYYYMMDD/HHMMSS' };
  const status = body.activityStatus;
  const estimatedDelivery = body.actualDeliveryDate
    ? undefined
    : upsDateToIsoDate(body.scheduledDeliveryDate);
  const event = buildTrackingEvent({
    carrier: 'ups',
    trackingNumber: body.trackingNumber.trim(),
    mapped: mapUpsStatus({
      type: status.type,
      code: status.code,
      statusCode: status.descriptionCode === undefined ? undefined : String(status.descriptionCode),
      description: status.description,
    }),
    occurredAt,
    via: 'ups',
    location: formatLocation(
      body.activityLocation?.city,
      body.activityLocation?.stateProvince,
      body.activityLocation?.country,
    ),
    estimatedDelivery,
  });
  return { ok: true, events: [event] };
}

import type { KeyObject } from 'node:crypto';
import { EventWebhookHeader } from '@sendgrid/eventwebhook';
import express, { Router } from 'express';
import { z } from 'zod';
import { sendProblem } from '../../api/problem';
import type { Database, Queryable } from '../../db/database';
import type { NotificationConfig } from '../config';
import { parseOr400 } from '../http/validation';
import { disableChannel, optOut } from '../preferences/store';
import { DELIVERY_KEY_ARG } from '../providers/sendgrid-email';
import {
  applyFeedbackOnce,
  applyFeedbackStatus,
  customerKeyOfDelivery,
  customerKeyOfDeliveryKey,
  firstSighting,
  type FeedbackStatus,
} from './delivery-status';
import { sendGridSignatureValid, sendGridVerificationKey } from './sendgrid-signature';

const eventSchema = z.looseObject({
  event: z.string(),
  sg_event_id: z.string().min(1),
  email: z.string().optional(),
  sg_message_id: z.string().optional(),
  type: z.string().optional(),
  reason: z.string().optional(),
  [DELIVERY_KEY_ARG]: z.string().optional(),
});
export const payloadSchema = z.array(eventSchema).max(10_000);
type SendGridEvent = z.infer<typeof eventSchema>;

/** Signed timestamps further than this from now are refused unless configured otherwise. */
const DEFAULT_TOLERANCE_S = 600;
const SIGNATURE_HEADER = EventWebhookHeader.SIGNATURE();
const TIMESTAMP_HEADER = EventWebhookHeader.TIMESTAMP();

/** Why a delivery's signature is refused (which header is missing, stale or wrong); undefined: valid. */
function signatureRefusal(
  publicKey: KeyObject,
  raw: Buffer,
  signature: string | undefined,
  timestamp: string | undefined,
  toleranceSeconds: number,
): string | undefined {
  if (!signature) return `The ${SIGNATURE_HEADER} header is missing.`;
  if (!timestamp) return `The ${TIMESTAMP_HEADER} header is missing.`;
  const ageSeconds = Math.abs(Date.now() / 1000 - Number(timestamp));
  if (!Number.isFinite(ageSeconds) || ageSeconds > toleranceSeconds) {
    return `The ${TIMESTAMP_HEADER} is outside the ${windowText(toleranceSeconds)} window around the current time.`;
  }
  return sendGridSignatureValid(publicKey, raw, signature, timestamp)
    ? undefined
    : `The ${SIGNATURE_HEADER} signature does not match the timestamp and body for SENDGRID_WEBHOOK_PUBLIC_KEY.`;
}

function windowText(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}-minute` : `${seconds}-second`;
}

function statusOf(event: SendGridEvent): FeedbackStatus | undefined {
  if (event.event === 'delivered') return 'delivered';
  if (event.event === 'bounce') return 'bounced';
  if (event.event === 'dropped') return 'undelivered';
  return undefined;
}

/**
 * SendGrid's signed event webhook: POST /webhooks/sendgrid/events. Verifies the ECDSA signature
 * over timestamp + raw body, ignores sg_event_ids already seen, updates delivery status, and
 * disables email for a customer whose address hard-bounced. Mount before any global JSON parser.
 */
export function createSendGridEventsRouter(deps: {
  db: Database;
  config: Pick<NotificationConfig, 'sendgrid'>;
}): Router {
  const router = Router();
  const publicKey = deps.config.sendgrid.webhookPublicKey
    ? sendGridVerificationKey(deps.config.sendgrid.webhookPublicKey)
    : undefined;

  router.post('/webhooks/sendgrid/events', express.raw({ type: '*/*', limit: '5mb' }), async (req, res) => {
    if (!publicKey) {
      sendProblem(res, 503, 'not_configured', 'SENDGRID_WEBHOOK_PUBLIC_KEY is not set.');
      return;
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const refusal = signatureRefusal(
      publicKey,
      raw,
      req.header(SIGNATURE_HEADER),
      req.header(TIMESTAMP_HEADER),
      deps.config.sendgrid.webhookToleranceSeconds ?? DEFAULT_TOLERANCE_S,
    );
    if (refusal) {
      sendProblem(res, 403, 'invalid_signature', refusal);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      sendProblem(res, 400, 'invalid_request', 'The body is not JSON.', {
        errors: [{ field: '(body)', message: 'must be JSON' }],
      });
      return;
    }
    const parsed = parseOr400(payloadSchema, json, res);
    if (!parsed) return;
    let applied = 0;
    // Seen-marker and effect commit together, so an event whose effect failed is applied on SendGrid's retry.
    for (const event of parsed) {
      const fresh = touchesCustomer(event)
        ? await deps.db.transaction(async (tx) => {
            if (!(await firstSighting(tx, 'sendgrid', event.sg_event_id))) return false;
            await applyEvent(tx, event);
            return true;
          })
        : await applyFeedbackOnce(
            deps.db,
            { provider: 'sendgrid', eventId: event.sg_event_id },
            targetOf(event),
            statusOf(event),
            event.reason,
          );
      if (fresh) applied += 1;
    }
    res.json({ received: parsed.length, applied });
  });

  return router;
}

const OPT_OUT_EVENTS = ['unsubscribe', 'group_unsubscribe', 'spamreport'];

/** Bounces and opt-outs may change the customer's email preferences, not only the delivery. */
const touchesCustomer = (event: SendGridEvent) =>
  event.event === 'bounce' || (OPT_OUT_EVENTS.includes(event.event) && !!event[DELIVERY_KEY_ARG]);

const targetOf = (event: SendGridEvent) => ({
  deliveryKey: event[DELIVERY_KEY_ARG],
  providerMessageId: event.sg_message_id?.split('.')[0],
});

async function applyEvent(db: Queryable, event: SendGridEvent): Promise<void> {
  const key = event[DELIVERY_KEY_ARG];
  const status = statusOf(event);
  if (status) {
    const updated = await applyFeedbackStatus(db, targetOf(event), status, event.reason);
    // SendGrid reports blocks (temporary refusals) as bounce events of type "blocked".
    const customer = updated && customerKeyOfDelivery(updated);
    if (customer && status === 'bounced' && event.type !== 'blocked') {
      await disableChannel(
        db,
        customer,
        'email',
        `hard bounce: ${event.reason ?? 'no reason given'}`,
        event.email ?? updated.recipient ?? undefined,
      );
    }
    return;
  }
  if (OPT_OUT_EVENTS.includes(event.event) && key) {
    const customer = await customerKeyOfDeliveryKey(db, key);
    if (customer) await optOut(db, customer, 'email');
  }
}

import express, { Router, type Request, type Response } from 'express';
import twilio from 'twilio';
import { z } from 'zod';
import { sendProblem } from '../../api/problem';
import type { Database } from '../../db/database';
import type { NotificationConfig } from '../config';
import { parseOr400 } from '../http/validation';
import { getPreferences, disableChannel, optOut, updatePreferences } from '../preferences/store';
import { TWILIO_RECIPIENT_ERRORS } from '../providers/twilio-sms';
import {
  applyFeedbackOnce,
  applyFeedbackStatus,
  customerKeyOfDelivery,
  customerKeysByPhone,
  firstSighting,
  type FeedbackStatus,
} from './delivery-status';

export const statusSchema = z.looseObject({
  MessageSid: z.string().min(1, 'must carry the message SID'),
  MessageStatus: z.string().min(1, 'must carry the message status'),
  ErrorCode: z.string().optional(),
});
export const inboundSchema = z.looseObject({ From: z.string().min(1), Body: z.string() });

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const START_WORDS = new Set(['START', 'UNSTOP']);

function finalStatus(twilioStatus: string): FeedbackStatus | undefined {
  if (twilioStatus === 'delivered') return 'delivered';
  if (twilioStatus === 'undelivered' || twilioStatus === 'failed') return 'undelivered';
  return undefined;
}

/**
 * Twilio callbacks, each verified by X-Twilio-Signature over the public URL and the form params:
 * POST /webhooks/twilio/status (message status callbacks) and POST /webhooks/twilio/inbound
 * (replies; STOP opts the number out of SMS, START opts it back in).
 */
export function createTwilioWebhooksRouter(deps: {
  db: Database;
  config: Pick<NotificationConfig, 'twilio' | 'publicBaseUrl'>;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  const verified = (req: Request, res: Response): Record<string, string> | undefined => {
    const params = (req.body ?? {}) as Record<string, string>;
    const signature = req.header('x-twilio-signature');
    if (!signature) {
      sendProblem(res, 403, 'invalid_signature', 'The X-Twilio-Signature header is missing.');
      return undefined;
    }
    const url = `${deps.config.publicBaseUrl}${req.originalUrl}`;
    if (!twilio.validateRequest(deps.config.twilio.authToken, signature, url, params)) {
      sendProblem(
        res,
        403,
        'invalid_signature',
        `The X-Twilio-Signature signature does not match ${url} and the form parameters for TWILIO_AUTH_TOKEN.`,
      );
      return undefined;
    }
    return params;
  };

  router.post('/webhooks/twilio/status', form, async (req, res) => {
    const params = verified(req, res);
    if (!params) return;
    const parsed = parseOr400(statusSchema, params, res);
    if (!parsed) return;
    const { MessageSid, MessageStatus, ErrorCode } = parsed;
    const status = finalStatus(MessageStatus);
    const key = typeof req.query.delivery === 'string' ? req.query.delivery : undefined;
    const sighting = { provider: 'twilio', eventId: `${MessageSid}:${MessageStatus}` };
    const target = { deliveryKey: key, providerMessageId: MessageSid };
    const detail = ErrorCode ? `Twilio error ${ErrorCode}` : undefined;
    // A recipient error (a dead number) also turns the customer's SMS off, in the same transaction.
    const recipientError = !!ErrorCode && TWILIO_RECIPIENT_ERRORS.has(Number(ErrorCode));
    if (status && !recipientError) await applyFeedbackOnce(deps.db, sighting, target, status, detail);
    else if (status) {
      await deps.db.transaction(async (tx) => {
        if (!(await firstSighting(tx, sighting.provider, sighting.eventId))) return;
        const updated = await applyFeedbackStatus(tx, target, status, detail);
        const customer = updated && customerKeyOfDelivery(updated);
        if (customer) {
          await disableChannel(
            tx,
            customer,
            'sms',
            `Twilio error ${ErrorCode}`,
            updated.recipient ?? undefined,
          );
        }
      });
    }
    res.status(204).end();
  });

  router.post('/webhooks/twilio/inbound', form, async (req, res) => {
    const params = verified(req, res);
    if (!params) return;
    const parsed = inboundSchema.safeParse(params);
    if (parsed.success) {
      const word = parsed.data.Body.trim().toUpperCase();
      for (const customer of await customerKeysByPhone(deps.db, parsed.data.From)) {
        if (STOP_WORDS.has(word)) await optOut(deps.db, customer, 'sms');
        if (START_WORDS.has(word)) {
          const current = await getPreferences(deps.db, customer);
          if (!current.channels.includes('sms')) {
            await updatePreferences(deps.db, customer, { channels: [...current.channels, 'sms'] });
          }
        }
      }
    }
    res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });

  return router;
}

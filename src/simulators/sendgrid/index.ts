import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import express from 'express';
import {
  answerFaultBeforeAccept,
  createFaultInjector,
  listen,
  stallAfterAccept,
  type FailureMode,
  type FaultReplies,
} from '../message-provider-server';
import { RecentMessages } from '../recent-messages';

export interface ReceivedEmail {
  messageId: string;
  receivedAt: string;
  to: string[];
  from: string;
  subject: string;
  text?: string;
  html?: string;
  customArgs: Record<string, string>;
  headers: Record<string, string>;
}

export interface SendGridEvent {
  email: string;
  timestamp: number;
  event: string;
  sg_event_id: string;
  sg_message_id: string;
  type?: string;
  reason?: string;
  [customArg: string]: string | number | undefined;
}

export interface SendGridSimulatorOptions {
  port?: number;
  /** Only this API key is accepted when set; any bearer token otherwise. */
  apiKey?: string;
  /** Where signed event webhooks go; no events are pushed when unset. */
  eventWebhookUrl?: string;
  /** Addresses that hard-bounce after being accepted. */
  bounceAddresses?: string[];
  /** Addresses refused at send time as invalid (400). */
  invalidAddresses?: string[];
  /** Delay before "processed" and "delivered" / "bounce" events are pushed. */
  eventDelayMs?: number;
  failure?: Partial<FailureMode>;
  /** Emails kept for /_sim/received and the Email Activity API, the latest ones (default: all). */
  keepReceived?: number;
}

export interface SendGridSimulator {
  url: string;
  /** The event webhook verification key, base64 DER as SendGrid shows it. */
  publicKey: string;
  close(): Promise<void>;
  received(): ReceivedEmail[];
  setFailureMode(mode: Partial<FailureMode>): void;
  /** Signs and posts events to the webhook URL; returns the receiver's HTTP status. */
  pushEvents(events: SendGridEvent[], options?: { forgeSignature?: boolean }): Promise<number>;
  /** Signs a payload as SendGrid does: ECDSA P-256 over timestamp + body, base64 DER. */
  signPayload(payload: string, timestamp: string): string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';

interface MailBody {
  personalizations?: { to?: { email?: string }[]; custom_args?: Record<string, string> }[];
  from?: { email?: string };
  subject?: string;
  content?: { type: string; value: string }[];
  custom_args?: Record<string, string>;
  headers?: Record<string, string>;
}

function sendGridError(message: string, field: string | null) {
  return {
    errors: [{ message, field, help: field ? `${HELP}#message.${field.replace(/\.\d+/g, '')}` : null }],
  };
}

const SENDGRID_FAULT_REPLIES: FaultReplies = {
  tooManyRequests: (res) => {
    res.status(429).set('Retry-After', '1').json(sendGridError('too many requests', null));
  },
  serverError: (res, status) => {
    res.status(status).json(sendGridError('Internal server error', null));
  },
};

/** A SendGrid v3 mail-send and event-webhook stand-in that records what it was sent. */
export async function startSendGridSimulator(
  options: SendGridSimulatorOptions = {},
): Promise<SendGridSimulator> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const faults = createFaultInjector(options.failure);
  const received = new RecentMessages<ReceivedEmail>(options.keepReceived);
  const app = express();
  app.use(express.json({ limit: '30mb' }));

  const signPayload = (payload: string, timestamp: string, key: KeyObject = privateKey) =>
    sign('sha256', Buffer.from(timestamp + payload), key).toString('base64');

  const pushEvents = async (events: SendGridEvent[], pushOptions: { forgeSignature?: boolean } = {}) => {
    if (!options.eventWebhookUrl) throw new Error('the simulator has no eventWebhookUrl');
    const payload = JSON.stringify(events);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const key = pushOptions.forgeSignature
      ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey
      : privateKey;
    const response = await fetch(options.eventWebhookUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Twilio-Email-Event-Webhook-Signature': signPayload(payload, timestamp, key),
        'X-Twilio-Email-Event-Webhook-Timestamp': timestamp,
      },
      body: payload,
    });
    return response.status;
  };

  const scheduleEvents = (email: ReceivedEmail) => {
    if (!options.eventWebhookUrl) return;
    const base = {
      timestamp: Math.floor(Date.now() / 1000),
      sg_message_id: `${email.messageId}.filter0001.1.0`,
      ...email.customArgs,
    };
    const events: SendGridEvent[] = email.to.flatMap((to) => {
      const bounce = options.bounceAddresses?.includes(to);
      return [
        { ...base, email: to, event: 'processed', sg_event_id: randomBytes(16).toString('base64url') },
        bounce
          ? {
              ...base,
              email: to,
              event: 'bounce',
              type: 'bounce',
              reason: '550 5.1.1 The email account does not exist',
              sg_event_id: randomBytes(16).toString('base64url'),
            }
          : { ...base, email: to, event: 'delivered', sg_event_id: randomBytes(16).toString('base64url') },
      ];
    });
    setTimeout(() => void pushEvents(events).catch(() => undefined), options.eventDelayMs ?? 50).unref();
  };

  app.post('/v3/mail/send', (req, res) => {
    const auth = req.header('authorization') ?? '';
    if (!auth.startsWith('Bearer ') || (options.apiKey && auth !== `Bearer ${options.apiKey}`)) {
      res
        .status(401)
        .json(sendGridError('The provided authorization grant is invalid, expired, or revoked', null));
      return;
    }
    const fault = faults.next();
    if (answerFaultBeforeAccept(fault, faults, SENDGRID_FAULT_REPLIES, { req, res })) return;
    const body = (req.body ?? {}) as MailBody;
    const invalid = mailBodyProblem(body, options.invalidAddresses ?? []);
    if (invalid) {
      res.status(400).json(sendGridError(invalid.message, invalid.field));
      return;
    }
    const email = receivedEmail(body);
    received.add(email);
    scheduleEvents(email);
    if (stallAfterAccept(fault, faults, { req, res })) return;
    res.status(202).set('X-Message-Id', email.messageId).end();
  });

  // Email Activity API: the subset of the query language used to find a message by custom arg.
  app.get('/v3/messages', (req, res) => {
    const query = String(req.query.query ?? '');
    const match = /unique_args\['([^']+)'\]="([^"]*)"/.exec(query);
    const limit = Number(req.query.limit ?? 10);
    const found = match
      ? received.list().filter((email) => email.customArgs[match[1] ?? ''] === match[2])
      : received.list().slice();
    res.json({
      messages: found.slice(0, limit).map((email) => ({
        msg_id: email.messageId,
        from_email: email.from,
        to_email: email.to[0],
        subject: email.subject,
        status: 'delivered',
        opens_count: 0,
        clicks_count: 0,
        last_event_time: email.receivedAt,
      })),
    });
  });

  app.get('/_sim/received', (_req, res) => {
    res.json({ received: received.list(), total: received.total });
  });

  const server = await listen(app, options.port);
  return {
    url: server.url,
    publicKey: publicKeyBase64,
    close: server.close,
    received: () => received.list().slice(),
    setFailureMode: faults.set,
    pushEvents,
    signPayload: (payload, timestamp) => signPayload(payload, timestamp),
  };
}

/** What SendGrid answers 400 for in a mail send body, or undefined when it would accept it. */
function mailBodyProblem(
  body: MailBody,
  invalidAddresses: string[],
): { message: string; field: string } | undefined {
  const personalizations = body.personalizations ?? [];
  if (personalizations.length === 0) {
    return {
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
    };
  }
  for (const [p, personalization] of personalizations.entries()) {
    for (const [t, to] of (personalization.to ?? []).entries()) {
      if (!to.email || !EMAIL.test(to.email) || invalidAddresses.includes(to.email)) {
        return { message: 'Does not contain a valid address.', field: `personalizations.${p}.to.${t}.email` };
      }
    }
  }
  if (!body.from?.email || !EMAIL.test(body.from.email)) {
    return { message: 'The from email does not contain a valid address.', field: 'from.email' };
  }
  if (!body.subject) return { message: 'The subject is required.', field: 'subject' };
  return undefined;
}

function receivedEmail(body: MailBody): ReceivedEmail {
  const personalizations = body.personalizations ?? [];
  return {
    messageId: randomBytes(16).toString('base64url').slice(0, 22),
    receivedAt: new Date().toISOString(),
    to: personalizations.flatMap((p) => (p.to ?? []).map((to) => to.email ?? '')),
    from: body.from?.email ?? '',
    subject: body.subject ?? '',
    text: body.content?.find((c) => c.type === 'text/plain')?.value,
    html: body.content?.find((c) => c.type === 'text/html')?.value,
    customArgs: { ...body.custom_args, ...personalizations[0]?.custom_args },
    headers: body.headers ?? {},
  };
}

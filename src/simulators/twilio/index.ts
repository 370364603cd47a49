import { randomBytes } from 'node:crypto';
import express from 'express';
import twilio from 'twilio';
import {
  answerFaultBeforeAccept,
  createFaultInjector,
  listen,
  stallAfterAccept,
  type FailureMode,
  type FaultReplies,
} from '../message-provider-server';
import { RecentMessages } from '../recent-messages';

export interface TwilioMessage {
  sid: string;
  account_sid: string;
  to: string;
  from: string;
  body: string;
  status: 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';
  num_segments: string;
  direction: 'outbound-api';
  api_version: '2010-04-01';
  date_created: string;
  date_updated: string;
  date_sent: string | null;
  error_code: number | null;
  error_message: string | null;
  price: null;
  price_unit: 'USD';
  uri: string;
  /** Not part of Twilio's resource; kept so tests can see where callbacks went. */
  status_callback?: string;
}

export interface TwilioSimulatorOptions {
  port?: number;
  accountSid: string;
  authToken: string;
  /** Numbers accepted and then reported undelivered with error 30005 (unknown destination). */
  undeliverableNumbers?: string[];
  /** Numbers refused at send time with error 21211. */
  invalidNumbers?: string[];
  callbackDelayMs?: number;
  failure?: Partial<FailureMode>;
  /** Messages kept for /_sim/received and the Messages list, the latest ones (default: all). */
  keepReceived?: number;
}

export interface TwilioSimulator {
  url: string;
  close(): Promise<void>;
  received(): TwilioMessage[];
  setFailureMode(mode: Partial<FailureMode>): void;
  /** Posts a signed inbound SMS (e.g. "STOP") to a webhook URL as Twilio does; returns the HTTP status. */
  sendInbound(
    webhookUrl: string,
    from: string,
    to: string,
    body: string,
    options?: { forgeSignature?: boolean },
  ): Promise<number>;
  /** Posts a signed status callback; returns the HTTP status. */
  sendStatusCallback(
    url: string,
    params: Record<string, string>,
    options?: { forgeSignature?: boolean },
  ): Promise<number>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(status: number, code: number, message: string) {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const TWILIO_FAULT_REPLIES: FaultReplies = {
  tooManyRequests: (res) => {
    res.status(429).json(twilioError(429, 20429, 'Too Many Requests'));
  },
  serverError: (res, status) => {
    res.status(status).json(twilioError(status, 20500, 'Internal Server Error'));
  },
};

/** The Messages create form fields the simulator reads. */
interface MessageForm {
  To?: string;
  From?: string;
  Body?: string;
  StatusCallback?: string;
}

/** A form messageFormProblem found nothing wrong with. */
type AcceptedMessageForm = MessageForm & { To: string; From: string; Body: string };

/** The 400 Twilio answers for a Messages create form, or undefined when it would accept it. */
function messageFormProblem(form: MessageForm, invalidNumbers: string[]) {
  if (!form.To || !E164.test(form.To) || invalidNumbers.includes(form.To)) {
    return twilioError(400, 21211, `The 'To' number ${form.To ?? ''} is not a valid phone number.`);
  }
  if (!form.From) return twilioError(400, 21603, "A 'From' phone number is required.");
  if (!form.Body) return twilioError(400, 21602, 'Message body is required.');
  return undefined;
}

function queuedMessage(accountSid: string, form: AcceptedMessageForm): TwilioMessage {
  const sid = `SM${randomBytes(16).toString('hex')}`;
  const now = new Date().toUTCString();
  return {
    sid,
    account_sid: accountSid,
    to: form.To,
    from: form.From,
    body: form.Body,
    status: 'queued',
    num_segments: '1',
    direction: 'outbound-api',
    api_version: '2010-04-01',
    date_created: now,
    date_updated: now,
    date_sent: null,
    error_code: null,
    error_message: null,
    price: null,
    price_unit: 'USD',
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    status_callback: form.StatusCallback,
  };
}

/** A Twilio Programmable Messaging stand-in: Messages create/list and signed status callbacks. */
export async function startTwilioSimulator(options: TwilioSimulatorOptions): Promise<TwilioSimulator> {
  const faults = createFaultInjector(options.failure);
  const messages = new RecentMessages<TwilioMessage>(options.keepReceived);
  const app = express();
  app.use(express.urlencoded({ extended: false }));

  const post = async (url: string, params: Record<string, string>, forge = false) => {
    const token = forge ? 'not-the-auth-token' : options.authToken;
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': twilio.getExpectedTwilioSignature(token, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    return response.status;
  };

  const advance = (message: TwilioMessage) => {
    if (!message.status_callback) return;
    const callback = message.status_callback;
    const undeliverable = options.undeliverableNumbers?.includes(message.to);
    const steps: { status: TwilioMessage['status']; error?: number }[] = [
      { status: 'sent' },
      undeliverable ? { status: 'undelivered', error: 30005 } : { status: 'delivered' },
    ];
    let delay = 0;
    for (const step of steps) {
      delay += options.callbackDelayMs ?? 50;
      setTimeout(() => {
        message.status = step.status;
        message.date_updated = new Date().toUTCString();
        if (step.status === 'sent') message.date_sent = message.date_updated;
        if (step.error) message.error_code = step.error;
        const params: Record<string, string> = {
          AccountSid: message.account_sid,
          MessageSid: message.sid,
          SmsSid: message.sid,
          MessageStatus: step.status,
          SmsStatus: step.status,
          To: message.to,
          From: message.from,
          ApiVersion: '2010-04-01',
        };
        if (step.error) params.ErrorCode = String(step.error);
        void post(callback, params).catch(() => undefined);
      }, delay).unref();
    }
  };

  const authorized = (req: express.Request) => {
    const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
    return req.params.accountSid === options.accountSid && req.header('authorization') === expected;
  };

  app.post('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
    if (!authorized(req)) {
      res.status(401).json(twilioError(401, 20003, 'Authenticate'));
      return;
    }
    const fault = faults.next();
    if (answerFaultBeforeAccept(fault, faults, TWILIO_FAULT_REPLIES, { req, res })) return;
    const form = req.body as MessageForm;
    const problem = messageFormProblem(form, options.invalidNumbers ?? []);
    if (problem) {
      res.status(400).json(problem);
      return;
    }
    const message = queuedMessage(options.accountSid, form as AcceptedMessageForm);
    messages.add(message);
    advance(message);
    if (stallAfterAccept(fault, faults, { req, res })) return;
    const { status_callback: _callback, ...resource } = message;
    res.status(201).json(resource);
  });

  app.get('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
    if (!authorized(req)) {
      res.status(401).json(twilioError(401, 20003, 'Authenticate'));
      return;
    }
    const pageSize = Math.min(Number(req.query.PageSize ?? 50), 1000);
    const found = messages
      .list()
      .filter(
        (m) => (!req.query.To || m.to === req.query.To) && (!req.query.From || m.from === req.query.From),
      )
      .reverse()
      .slice(0, pageSize)
      .map(({ status_callback: _callback, ...resource }) => resource);
    const uri = `/2010-04-01/Accounts/${options.accountSid}/Messages.json?PageSize=${pageSize}&Page=0`;
    res.json({
      messages: found,
      page: 0,
      page_size: pageSize,
      uri,
      first_page_uri: uri,
      next_page_uri: null,
      previous_page_uri: null,
      start: 0,
      end: found.length,
    });
  });

  app.get('/_sim/received', (_req, res) => {
    res.json({ received: messages.list(), total: messages.total });
  });

  const server = await listen(app, options.port);
  return {
    url: server.url,
    close: server.close,
    received: () => messages.list().map((m) => ({ ...m })),
    setFailureMode: faults.set,
    sendInbound: (webhookUrl, from, to, body, inboundOptions = {}) =>
      post(
        webhookUrl,
        {
          AccountSid: options.accountSid,
          MessageSid: `SM${randomBytes(16).toString('hex')}`,
          From: from,
          To: to,
          Body: body,
          NumMedia: '0',
        },
        inboundOptions.forgeSignature,
      ),
    sendStatusCallback: (url, params, callbackOptions = {}) =>
      post(url, params, callbackOptions.forgeSignature),
  };
}

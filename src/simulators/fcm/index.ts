import { randomBytes } from 'node:crypto';
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

export interface ReceivedPush {
  name: string;
  receivedAt: string;
  token: string;
  notification?: { title?: string; body?: string };
  data: Record<string, string>;
}

export interface FcmSimulatorOptions {
  port?: number;
  projectId: string;
  /** Only this bearer token is accepted when set. */
  accessToken?: string;
  /** Tokens answered 404 UNREGISTERED (app uninstalled). */
  unregisteredTokens?: string[];
  failure?: Partial<FailureMode>;
  /** Pushes kept for /_sim/received and the reconcile lookup, the latest ones (default: all). */
  keepReceived?: number;
}

export interface FcmSimulator {
  url: string;
  /** Lookup of accepted messages by data.delivery_key (and token), the notification service's FCM_RECONCILE_URL. */
  reconcileUrl: string;
  close(): Promise<void>;
  received(): ReceivedPush[];
  setFailureMode(mode: Partial<FailureMode>): void;
}

function fcmError(code: number, status: string, message: string, errorCode?: string) {
  return {
    error: {
      code,
      message,
      status,
      details: errorCode
        ? [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }]
        : [],
    },
  };
}

interface SendBody {
  message?: {
    token?: string;
    topic?: string;
    condition?: string;
    notification?: { title?: string; body?: string };
    data?: Record<string, unknown>;
  };
}

const FCM_FAULT_REPLIES: FaultReplies = {
  tooManyRequests: (res) => {
    res
      .status(429)
      .set('Retry-After', '1')
      .json(fcmError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', 'QUOTA_EXCEEDED'));
  },
  serverError: (res, status) => {
    const name = status === 500 ? 'INTERNAL' : 'UNAVAILABLE';
    res.status(status).json(fcmError(status, name, 'The service is currently unavailable.', name));
  },
};

type FcmError = ReturnType<typeof fcmError>;
type SendMessage = NonNullable<SendBody['message']>;

/** 401 for a missing or wrong bearer token, 403 for another project; undefined when the caller may send. */
function callerRefusal(
  authorization: string,
  project: string,
  options: FcmSimulatorOptions,
): FcmError | undefined {
  if (
    !authorization.startsWith('Bearer ') ||
    (options.accessToken && authorization !== `Bearer ${options.accessToken}`)
  ) {
    return fcmError(
      401,
      'UNAUTHENTICATED',
      'Request had invalid authentication credentials.',
      'THIRD_PARTY_AUTH_ERROR',
    );
  }
  if (project !== options.projectId) {
    return fcmError(403, 'PERMISSION_DENIED', 'SenderId mismatch', 'SENDER_ID_MISMATCH');
  }
  return undefined;
}

/** What FCM answers 400 or 404 for in a send, or undefined when it would accept it. */
function sendProblem(message: SendMessage | undefined, unregisteredTokens: string[]): FcmError | undefined {
  const targets = [message?.token, message?.topic, message?.condition].filter(Boolean);
  if (!message || targets.length !== 1) {
    return fcmError(
      400,
      'INVALID_ARGUMENT',
      'Exactly one of token, topic or condition must be set.',
      'INVALID_ARGUMENT',
    );
  }
  if (Object.values(message.data ?? {}).some((value) => typeof value !== 'string')) {
    return fcmError(400, 'INVALID_ARGUMENT', 'data values must be strings', 'INVALID_ARGUMENT');
  }
  if (message.token && unregisteredTokens.includes(message.token)) {
    return fcmError(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED');
  }
  return undefined;
}

function receivedPush(project: string, message: SendMessage): ReceivedPush {
  return {
    name: `projects/${project}/messages/0:${Date.now()}%${randomBytes(8).toString('hex')}`,
    receivedAt: new Date().toISOString(),
    token: message.token ?? '',
    notification: message.notification,
    data: (message.data ?? {}) as Record<string, string>,
  };
}

/** An FCM HTTP v1 messages:send stand-in that records what it accepted. */
export async function startFcmSimulator(options: FcmSimulatorOptions): Promise<FcmSimulator> {
  const faults = createFaultInjector(options.failure);
  const received = new RecentMessages<ReceivedPush>(options.keepReceived);
  const app = express();
  app.use(express.json());

  app.post(/^\/v1\/projects\/([^/]+)\/messages:send$/, (req, res) => {
    const project = req.params[0] ?? '';
    const refusal = callerRefusal(req.header('authorization') ?? '', project, options);
    if (refusal) {
      res.status(refusal.error.code).json(refusal);
      return;
    }
    const fault = faults.next();
    if (answerFaultBeforeAccept(fault, faults, FCM_FAULT_REPLIES, { req, res })) return;
    const message = (req.body as SendBody).message;
    const problem = sendProblem(message, options.unregisteredTokens ?? []);
    if (problem) {
      res.status(problem.error.code).json(problem);
      return;
    }
    const push = receivedPush(project, message as SendMessage);
    received.add(push);
    if (stallAfterAccept(fault, faults, { req, res })) return;
    res.json({ name: push.name });
  });

  app.get('/_sim/messages', (req, res) => {
    const key = String(req.query.delivery_key ?? '');
    const token = req.query.token ? String(req.query.token) : undefined;
    res.json({
      messages: received
        .list()
        .filter((push) => push.data.delivery_key === key && (!token || push.token === token))
        .map((push) => ({ name: push.name })),
    });
  });

  app.get('/_sim/received', (_req, res) => {
    res.json({ received: received.list(), total: received.total });
  });

  const server = await listen(app, options.port);
  return {
    url: server.url,
    reconcileUrl: `${server.url}/_sim/messages`,
    close: server.close,
    received: () => received.list().slice(),
    setFailureMode: faults.set,
  };
}

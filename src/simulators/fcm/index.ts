import { randomBytes } from 'node:crypto';
import express from 'express';
import { createFaultInjector, listen, stallThenDrop, type FailureMode } from '../sendgrid/sim-server';

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

/** An FCM HTTP v1 messages:send stand-in that records what it accepted. */
export async function startFcmSimulator(options: FcmSimulatorOptions): Promise<FcmSimulator> {
  const faults = createFaultInjector(options.failure);
  const received: ReceivedPush[] = [];
  const app = express();
  app.use(express.json());

  app.post(/^\/v1\/projects\/([^/]+)\/messages:send$/, (req, res) => {
    const project = req.params[0];
    const auth = req.header('authorization') ?? '';
    if (!auth.startsWith('Bearer ') || (options.accessToken && auth !== `Bearer ${options.accessToken}`)) {
      res
        .status(401)
        .json(
          fcmError(
            401,
            'UNAUTHENTICATED',
            'Request had invalid authentication credentials.',
            'THIRD_PARTY_AUTH_ERROR',
          ),
        );
      return;
    }
    if (project !== options.projectId) {
      res.status(403).json(fcmError(403, 'PERMISSION_DENIED', 'SenderId mismatch', 'SENDER_ID_MISMATCH'));
      return;
    }
    const fault = faults.next();
    if (fault === '429') {
      res
        .status(429)
        .set('Retry-After', '1')
        .json(fcmError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded.', 'QUOTA_EXCEEDED'));
      return;
    }
    if (fault === '500' || fault === '503') {
      const status = fault === '500' ? 'INTERNAL' : 'UNAVAILABLE';
      res
        .status(Number(fault))
        .json(fcmError(Number(fault), status, 'The service is currently unavailable.', status));
      return;
    }
    if (fault === 'timeout') {
      stallThenDrop(req, res, faults.mode.timeoutMs);
      return;
    }
    const message = (req.body as SendBody).message;
    const targets = [message?.token, message?.topic, message?.condition].filter(Boolean);
    if (!message || targets.length !== 1) {
      res
        .status(400)
        .json(
          fcmError(
            400,
            'INVALID_ARGUMENT',
            'Exactly one of token, topic or condition must be set.',
            'INVALID_ARGUMENT',
          ),
        );
      return;
    }
    const data = message.data ?? {};
    if (Object.values(data).some((value) => typeof value !== 'string')) {
      res
        .status(400)
        .json(fcmError(400, 'INVALID_ARGUMENT', 'data values must be strings', 'INVALID_ARGUMENT'));
      return;
    }
    if (message.token && options.unregisteredTokens?.includes(message.token)) {
      res.status(404).json(fcmError(404, 'NOT_FOUND', 'Requested entity was not found.', 'UNREGISTERED'));
      return;
    }
    const name = `projects/${project}/messages/0:${Date.now()}%${randomBytes(8).toString('hex')}`;
    received.push({
      name,
      receivedAt: new Date().toISOString(),
      token: message.token ?? '',
      notification: message.notification,
      data: data as Record<string, string>,
    });
    if (fault === 'timeout_after_accept') {
      stallThenDrop(req, res, faults.mode.timeoutMs);
      return;
    }
    res.json({ name });
  });

  app.get('/_sim/messages', (req, res) => {
    const key = String(req.query.delivery_key ?? '');
    const token = req.query.token ? String(req.query.token) : undefined;
    res.json({
      messages: received
        .filter((push) => push.data.delivery_key === key && (!token || push.token === token))
        .map((push) => ({ name: push.name })),
    });
  });

  app.get('/_sim/received', (_req, res) => {
    res.json({ received });
  });

  const server = await listen(app, options.port);
  return {
    url: server.url,
    reconcileUrl: `${server.url}/_sim/messages`,
    close: server.close,
    received: () => received.slice(),
    setFailureMode: faults.set,
  };
}

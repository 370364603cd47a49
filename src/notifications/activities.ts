import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import { measureSend, recordDeadLetter } from '../observability/notification-metrics';
import type { MessageChannel } from './message-channels';
import type { NotificationConfig } from './config';
import type { OrderNotificationRequest } from './contract';
import { customerKeyOfNotice } from './customer-key';
import { sendMessage, type SendMessageInput, type SendOutcome } from './sending/send-message';
import { deliverNoticesNow, type DeliverNowDeps, type DeliverNowSummary } from './sending/deliver-now';
import { startNoticeWorkflow } from './sending/hand-over';
import { deliveryKey } from './sending/delivery-key';
import { fileDeadLetter, resolveDeadLetter } from './sending/dead-letters';
import { markDeliveryFailed } from './sending/records';
import { planNotification as plan, type NotificationPlan } from './preferences/preferences';
import { getContacts } from './preferences/store';
import { createProviders } from './providers';
import type { Providers } from './providers/types';
import { DELIVERY_LEASE_MS } from './workflows/activity-options';

export interface NotificationActivityDeps {
  db: Database;
  config: NotificationConfig;
  /** Defaults to the configured SendGrid, Twilio and FCM clients. */
  providers?: Providers;
  leaseMs?: number;
  /** Starts a notice's own workflow; defaults to the running activity's client. */
  client?: Client;
}

export interface FailedDelivery {
  request: OrderNotificationRequest;
  channel: MessageChannel;
  reason: string;
  errorType?: string;
}

function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // Called outside an activity (direct use in tools): nothing to report to.
  }
}

export function createNotificationActivities(deps: NotificationActivityDeps) {
  const providers = deps.providers ?? createProviders(deps.config);
  const deliveryDeps = {
    db: deps.db,
    config: deps.config,
    providers,
    leaseMs: deps.leaseMs ?? DELIVERY_LEASE_MS,
    heartbeat,
  };
  const noticeDelivery = (client: Client): DeliverNowDeps => ({
    db: deps.db,
    send: (input) => measureSend(input, () => sendMessage(deliveryDeps, input)),
    handOver: (request) => startNoticeWorkflow(client, request),
    now: () => new Date(),
  });
  return {
    async planNotification(request: OrderNotificationRequest): Promise<NotificationPlan> {
      const { preferences, pushTokens } = await getContacts(deps.db, customerKeyOfNotice(request));
      return plan(request, preferences, pushTokens.length);
    },

    async deliverNotification(input: SendMessageInput): Promise<SendOutcome> {
      return measureSend(input, () => sendMessage(deliveryDeps, input));
    },

    /**
     * A batch of notices, sent now: scheduled by the order workflow on this worker's task queue when
     * its read-model write was refused (the outbox drainer sends through deliverNoticesNow itself).
     */
    async deliverOrderNotices(notices: OrderNotificationRequest[]): Promise<DeliverNowSummary> {
      return deliverNoticesNow(noticeDelivery(deps.client ?? Context.current().client), notices);
    },

    async recordDeliveryFailure(failure: FailedDelivery): Promise<void> {
      const { request, channel, reason } = failure;
      await markDeliveryFailed(deps.db, deliveryKey(request.orderId, request.eventId, channel), reason);
    },

    async fileNotificationDeadLetter(failure: FailedDelivery): Promise<number> {
      recordDeadLetter(failure.channel);
      return fileDeadLetter(deps.db, failure.request, failure.channel, failure.reason, failure.errorType);
    },

    async resolveNotificationDeadLetter(id: number): Promise<void> {
      await resolveDeadLetter(deps.db, id);
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;

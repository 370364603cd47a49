import { SpanStatusCode, trace } from '@opentelemetry/api';
import { ApplicationFailure } from '@temporalio/common';
import type { MessageChannel } from '../notifications/message-channels';
import type { SendMessageInput, SendOutcome } from '../notifications/sending/send-message';
import { notificationAcceptanceDelay, notificationOutcomesTotal } from './metrics';

const tracer = trace.getTracer('order-status-tracking/notifications');

const PROVIDERS: Record<MessageChannel, string> = {
  email: 'sendgrid',
  sms: 'twilio',
  push: 'fcm',
  in_app: 'inbox',
};

export function providerOf(channel: MessageChannel): string {
  return PROVIDERS[channel];
}

function record(input: SendMessageInput, outcome: SendOutcome): void {
  const labels = { channel: input.channel, provider: providerOf(input.channel) };
  if (outcome.status === 'already_sent') return; // counted by the attempt that sent it
  if (outcome.status === 'suppressed') {
    notificationOutcomesTotal.inc({ ...labels, outcome: 'suppressed' });
    return;
  }
  notificationOutcomesTotal.inc({ ...labels, outcome: input.fallbackFor ? 'fell_back' : 'sent' });
  const milestoneAt = Date.parse(input.request.occurredAt);
  if (Number.isFinite(milestoneAt)) {
    notificationAcceptanceDelay.observe(labels, Math.max(0, (Date.now() - milestoneAt) / 1000));
  }
}

/** Whether Temporal tries a failed send again. */
function retried(error: unknown): boolean {
  return !(error instanceof ApplicationFailure && error.nonRetryable);
}

/**
 * Runs one provider send in a span of its own and counts it: sent or fell back (with the time since
 * the milestone), suppressed, retried, or failed for good.
 */
export async function measureSend(
  input: SendMessageInput,
  send: () => Promise<SendOutcome>,
): Promise<SendOutcome> {
  const provider = providerOf(input.channel);
  return tracer.startActiveSpan(`notification.send ${provider}`, async (span) => {
    span.setAttributes({ 'notification.channel': input.channel, 'notification.provider': provider });
    try {
      const outcome = await send();
      span.setAttribute('notification.status', outcome.status);
      record(input, outcome);
      return outcome;
    } catch (error) {
      const outcome = retried(error) ? 'retried' : 'failed';
      notificationOutcomesTotal.inc({ channel: input.channel, provider, outcome });
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** A message the notification service gave up on. */
export function recordDeadLetter(channel: MessageChannel): void {
  notificationOutcomesTotal.inc({ channel, provider: providerOf(channel), outcome: 'dead_lettered' });
}

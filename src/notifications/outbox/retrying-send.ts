import { ApplicationFailure } from '@temporalio/common';
import type { SendMessageInput, SendOutcome } from '../sending/send-message';

export interface SendRetries {
  /** Sends of one message in all, the first included. */
  attempts: number;
  /** Pause after the first failure, doubled after each next one (a provider's Retry-After wins). */
  firstDelayMs: number;
}

/** Outbox notices: three sends about a second apart before a notice needs a workflow of its own. */
export const OUTBOX_SEND_RETRIES: SendRetries = { attempts: 3, firstDelayMs: 1_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryDelay(error: unknown, attempt: number, retries: SendRetries): number | undefined {
  if (!(error instanceof ApplicationFailure) || error.nonRetryable) return undefined;
  if (attempt >= retries.attempts) return undefined;
  const asked = typeof error.nextRetryDelay === 'number' ? error.nextRetryDelay : undefined;
  return asked ?? retries.firstDelayMs * 2 ** (attempt - 1);
}

/**
 * Sends one message again after a throttle, an outage or a timeout, a few times within seconds.
 * A notice whose message failed once then goes out without a notification workflow, whose first
 * task can wait tens of seconds on a busy worker when many notices fail at once (30 % provider
 * faults); what still fails, or fails for good, is thrown and the notice goes to its workflow. Every attempt goes through the delivery claim,
 * so a timed-out send is reconciled with the provider before it is sent again.
 */
export function retryingSend(
  send: (input: SendMessageInput) => Promise<SendOutcome>,
  retries: SendRetries = OUTBOX_SEND_RETRIES,
): (input: SendMessageInput) => Promise<SendOutcome> {
  return async (input) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send(input);
      } catch (error) {
        const delay = retryDelay(error, attempt, retries);
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  };
}

import { sleep } from '@temporalio/workflow';
import { deadlineWakeUp } from './deadlines';
import type { OrderSession } from './order-session';
import { pollDueAt } from './track';

const DEFAULT_DELIVERED_RETENTION_MS = 30 * 24 * 3600 * 1000;

function deliveredAt({ state }: OrderSession): number {
  const entry = [...state.timeline]
    .reverse()
    .find((item) => item.to === 'delivered' && item.from !== 'delivered');
  return entry ? Date.parse(entry.recordedAt) : Date.now();
}

/** The next timed wake-up: the earliest of the next carrier poll (or the end of the delivered
 * retention) and the current stage's deadline or stall check. */
export function nextWakeUp(session: OrderSession): number | undefined {
  const times = [routineWakeUp(session), deadlineWakeUp(session)].filter((at) => at !== undefined);
  return times.length > 0 ? Math.min(...times) : undefined;
}

function routineWakeUp(session: OrderSession): number | undefined {
  if (session.state.status !== 'delivered') return pollDueAt(session);
  return deliveredAt(session) + (session.settings.deliveredRetentionMs ?? DEFAULT_DELIVERED_RETENTION_MS);
}

/**
 * One durable timer for the next timed check (carrier poll, end of the delivered retention, stage
 * deadline, stall check). It is
 * re-armed only when it fires or must fire earlier, not on every event: a busy order does not
 * churn timers. When it fires, the loop looks again at what is due.
 */
export class Alarm {
  private current: { at: number; fired: boolean } | undefined;

  arm(at: number): void {
    if (this.current && !this.current.fired && this.current.at <= at) return;
    const armed = { at, fired: false };
    this.current = armed;
    void sleep(Math.max(1, at - Date.now())).then(() => {
      armed.fired = true;
    });
  }

  get fired(): boolean {
    return this.current?.fired === true;
  }

  clear(): void {
    this.current = undefined;
  }
}

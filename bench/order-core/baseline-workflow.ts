import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

export const pingSignal = defineSignal<[{ sentAt: number }]>('ping');

interface BaselineActivities {
  recordPing(sentAt: number): Promise<void>;
}

const { recordPing } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '10 seconds' });

/** The floor: a signal that runs one activity, with nothing else in the way. */
export async function signalToActivityWorkflow(): Promise<void> {
  const pending: number[] = [];
  setHandler(pingSignal, ({ sentAt }) => {
    pending.push(sentAt);
  });
  for (;;) {
    await condition(() => pending.length > 0);
    await recordPing(pending.shift()!);
  }
}

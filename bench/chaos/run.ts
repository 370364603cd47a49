import {
  deliveryRate,
  everyStepMessaged,
  finalStates,
  noDuplicates,
  readModelInSync,
  sentOrDeadLettered,
  type Invariant,
} from './checks';
import { faultPlan, runFaults, type FaultOutcome } from './faults';
import { deliveryRows, providerReceipts } from './messages';
import type { DrivenOrder, OrderContext } from './order-driver';
import { probeOrder, type ProbeTimes } from './probe';
import type { ChaosProfile } from './profile';
import { THIRTY_PERCENT_FAULTS } from './providers';
import type { ChaosStack } from './stack';
import { OrderNumbers, runTraffic } from './traffic';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ChaosResult {
  /** The first order after the API answered ready. */
  startup: ProbeTimes;
  faults: FaultOutcome[];
  skipped: string[];
  ordersDriven: number;
  invariants: Invariant[];
  seconds: number;
}

async function unsentNotices(stack: ChaosStack): Promise<number> {
  const running = await stack.client.workflow
    .count(`WorkflowType = 'notifyCustomer' AND ExecutionStatus = 'Running'`)
    .then((answer) => answer.count);
  const { rows } = await stack.db.query<{ n: number }>(
    `SELECT CASE WHEN to_regclass('notice_outbox') IS NULL THEN 0
            ELSE (SELECT count(*)::int FROM notice_outbox) END AS n`,
  );
  return running + (rows[0]?.n ?? 0);
}

/** Waits until no notice is left to send: none in the outbox, no notification workflow still retrying. */
async function notificationsSettled(stack: ChaosStack, log: (line: string) => void): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const pending = await unsentNotices(stack).catch(() => -1);
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} notices still unsent after 10 minutes`);
    log(`  waiting for ${pending < 0 ? 'Temporal and PostgreSQL' : `${pending} notices`}`);
    await sleep(2000);
  }
}

/** The faults with orders flowing through them; then the 30% provider-fault phase; then the checks. */
export async function runChaos(
  stack: ChaosStack,
  profile: ChaosProfile,
  log: (line: string) => void,
): Promise<ChaosResult> {
  const began = Date.now();
  const context: OrderContext = { db: stack.db, apiUrl: stack.fleet.apiUrl, opsToken: stack.opsToken };
  const numbers = new OrderNumbers();
  const probes: DrivenOrder[] = [];
  const probe = (from: number) =>
    probeOrder(context, numbers, () => providerReceipts(stack.providers), probes, from);
  const startup = await probe(Date.now());
  log(
    `first order reserved ${startup.reservedMs} ms and confirmed ${startup.confirmedMs} ms after the API was ready`,
  );

  const { faults, skipped } = faultPlan(profile, stack.postgres);
  let faultsRunning = true;
  const stormEvery = Math.max(1, Math.round(1 / profile.stormShare));
  const traffic = runTraffic(context, numbers, {
    orders: profile.orders,
    inFlight: profile.inFlight,
    stormEvery,
    keepGoing: () => faultsRunning,
    maxOrders: profile.maxOrders,
    log,
  });
  await sleep(profile.faultGapMs);
  const outcomes = await runFaults(stack, faults, probe, { gapMs: profile.faultGapMs, log }).finally(() => {
    faultsRunning = false;
  });
  const main = await traffic;
  log(
    `${main.orders.length} orders through the faults; 30% provider faults for the next ${profile.faultyProviderOrders}`,
  );

  stack.providers.setFailures(THIRTY_PERCENT_FAULTS);
  const faulty = await runTraffic(context, numbers, {
    orders: profile.faultyProviderOrders,
    inFlight: profile.inFlight,
    stormEvery: Number.MAX_SAFE_INTEGER,
    keepGoing: () => false,
    maxOrders: profile.faultyProviderOrders,
    log,
  });
  await notificationsSettled(stack, log);
  stack.providers.setFailures({ rate: 0 });

  const orders = [...main.orders, ...faulty.orders, ...probes];
  const rows = await deliveryRows(stack.db);
  const receipts = providerReceipts(stack.providers);
  const failures = [...main.failures, ...faulty.failures];
  const invariants: Invariant[] = [
    { name: 'every order driven to its end (providers resend until accepted)', problems: failures },
    await finalStates(stack.db, orders),
    await readModelInSync(stack.db, stack.client),
    everyStepMessaged(rows, orders),
    noDuplicates(rows, receipts),
    sentOrDeadLettered(rows, receipts),
    deliveryRate(rows, receipts, new Set(faulty.orders.map((order) => order.orderId))),
  ];
  return {
    startup,
    faults: outcomes,
    skipped,
    ordersDriven: orders.length,
    invariants,
    seconds: (Date.now() - began) / 1000,
  };
}

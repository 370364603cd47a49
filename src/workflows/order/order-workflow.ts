import { allHandlersFinished, condition, continueAsNew, workflowInfo } from '@temporalio/workflow';
import { isTerminal } from '../../domain/order-status';
import type { OrderView, OrderWorkflowInput } from './contract';
import { deadlineWorkDue, keepDeadlines } from './deadlines';
import { FORECAST_WITH_EVENT_PATCH, forecastWorkDue, keepForecast } from './forecast';
import { registerHandlers } from './handlers';
import { noticesSettled, sendNotices } from './notify';
import { OrderSession } from './order-session';
import { viewOf } from './order-view';
import { publishSearchAttributes } from './project';
import { projectOrderPastRefusals } from './projection-refusals';
import { needsReservation, releaseInventoryIfCancelled, reserveInventory } from './reserve';
import { Alarm, nextWakeUp } from './timers';
import { needsRegistration, pollCarrier, registerTracking } from './track';

/** One order from intake to its end: applies messages, then does one piece of due work at a time. */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderView> {
  const session = new OrderSession(input);
  registerHandlers(session);
  const alarm = new Alarm();
  publishSearchAttributes(session);
  for (;;) {
    const at = nextWakeUp(session);
    if (at !== undefined) alarm.arm(at);
    await condition(() => hasWork(session) || alarm.fired);
    if (session.readModelBehind) await projectAndAnnounce(session);
    else if (session.pendingNotices.length > 0) await sendNotices(session);
    else if (needsReservation(session)) await reserveInventory(session);
    else if (needsRegistration(session)) await registerTracking(session);
    else if (deadlineWorkDue(session)) await keepDeadlines(session);
    else if (forecastWorkDue(session)) await keepForecast(session);
    else if (isTerminal(session.state.status)) break;
    else if (workflowInfo().continueAsNewSuggested) await continueWithFreshHistory(input, session);
    else if (alarm.fired) {
      alarm.clear();
      const due = nextWakeUp(session);
      if (due === undefined || due > Date.now()) continue;
      if (session.state.status === 'delivered') break;
      await pollCarrier(session);
    }
  }
  await releaseInventoryIfCancelled(session);
  await condition(allHandlersFinished);
  if (session.readModelBehind) await projectOrderPastRefusals(session);
  await sendNotices(session);
  await noticesSettled(session);
  publishSearchAttributes(session);
  return viewOf(session.state);
}

const hasWork = (session: OrderSession) =>
  session.pendingNotices.length > 0 ||
  session.readModelBehind ||
  needsReservation(session) ||
  needsRegistration(session) ||
  deadlineWorkDue(session) !== undefined ||
  forecastWorkDue(session) !== undefined ||
  isTerminal(session.state.status) ||
  workflowInfo().continueAsNewSuggested;

/**
 * The read model first, then customers, then the search attributes (a visibility write). A new
 * forecast the event calls for is made first, so the scan and its forecast are one write.
 */
async function projectAndAnnounce(session: OrderSession): Promise<void> {
  if (forecastWorkDue(session) === 'forecast' && session.uses(FORECAST_WITH_EVENT_PATCH))
    await keepForecast(session);
  await projectOrderPastRefusals(session);
  await sendNotices(session);
  publishSearchAttributes(session);
}

async function continueWithFreshHistory(input: OrderWorkflowInput, session: OrderSession): Promise<never> {
  await condition(allHandlersFinished);
  await projectOrderPastRefusals(session);
  await sendNotices(session);
  await noticesSettled(session);
  return continueAsNew<typeof orderWorkflow>({ ...input, carried: session.carried() });
}

// The only code that talks to order workflows: starts them, sends them messages, asks them.
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import type { CanonicalOrder } from '../domain/order';
import { admitOrder } from '../domain/promise/admission';
import { deliveryRiskPolicyFor } from '../domain/promise/delivery-risk-policy';
import type { PromiseConfig } from '../domain/promise/promise-policy';
import type { TimelineEntry } from '../domain/order-lifecycle';
import type { CarrierTrackingEvent } from '../domain/tracking-status';
import type { orderWorkflow } from '../workflows';
import {
  cancelUpdate,
  carrierUpdateSignal,
  carrierUpdatesSignal,
  CustomerIdAttribute,
  fulfillmentEventUpdate,
  holdUpdate,
  inventoryRestockedSignal,
  OrderChannelAttribute,
  OrderDelayedAttribute,
  orderIdOfWorkflow,
  OrderStatusAttribute,
  ORDER_WORKFLOW_RELEASE,
  orderViewQuery,
  orderWorkflowId,
  ORDER_WORKFLOW_TYPE,
  ORDERS_TASK_QUEUE,
  recoveryUpdate,
  releaseUpdate,
  timelineQuery,
  type CancelRequest,
  type EventResult,
  type FulfillmentEvent,
  type HoldRequest,
  type OrderView,
  type OrderWorkflowSettings,
  type RecoveryRequest,
  type ReleaseRequest,
  type RestockNotice,
  type StartOrderResult,
} from '../workflows/order/contract';
import { processDeliveryRiskConfig } from './delivery-risk-config-source';
import { processPromiseConfig } from './promise-config-source';
import { customerSearchId, processCustomerSearchKey } from '../security/customer-search-id';

const orderHandle = (client: Client, orderId: string) => client.workflow.getHandle(orderWorkflowId(orderId));

/**
 * Starts the order's workflow, or finds it: the workflow ID comes from the canonical order ID and
 * may never be reused, so the same order submitted twice (or concurrently) yields one workflow.
 * This is where an order is admitted: it gets its promise (derived when the channel gave none) and
 * its stage deadlines, from `promises` or this process's configuration.
 */
export async function startOrderWorkflow(
  client: Client,
  submitted: CanonicalOrder,
  settings?: OrderWorkflowSettings,
  promises: PromiseConfig = processPromiseConfig(),
): Promise<StartOrderResult> {
  const { order, deadlines } = admitOrder(submitted, promises, Date.now());
  const deliveryRisk = deliveryRiskPolicyFor(processDeliveryRiskConfig(), order.channel, order.accountId);
  const workflowId = orderWorkflowId(order.orderId);
  try {
    await client.workflow.start<typeof orderWorkflow>(ORDER_WORKFLOW_TYPE, {
      taskQueue: ORDERS_TASK_QUEUE,
      workflowId,
      args: [{ order, settings: { deadlines, deliveryRisk, ...settings }, release: ORDER_WORKFLOW_RELEASE }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      typedSearchAttributes: [
        { key: OrderStatusAttribute, value: 'received' },
        { key: OrderDelayedAttribute, value: false },
        { key: OrderChannelAttribute, value: order.channel },
        {
          key: CustomerIdAttribute,
          value: customerSearchId(
            processCustomerSearchKey(),
            order.channel,
            order.accountId,
            order.customer.id,
          ),
        },
      ],
    });
    return { orderId: order.orderId, workflowId, created: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      return { orderId: order.orderId, workflowId, created: false };
    }
    throw error;
  }
}

// ---- Updates: validated by the lifecycle, answered with the order as it now stands ----

export const sendFulfillmentEvent = (client: Client, orderId: string, event: FulfillmentEvent) =>
  orderHandle(client, orderId).executeUpdate(fulfillmentEventUpdate, { args: [event] });

export const holdOrder = (client: Client, orderId: string, request: HoldRequest): Promise<EventResult> =>
  orderHandle(client, orderId).executeUpdate(holdUpdate, { args: [request] });

export const releaseOrder = (
  client: Client,
  orderId: string,
  request: ReleaseRequest,
): Promise<EventResult> => orderHandle(client, orderId).executeUpdate(releaseUpdate, { args: [request] });

export const applyRecovery = (client: Client, orderId: string, request: RecoveryRequest) =>
  orderHandle(client, orderId).executeUpdate(recoveryUpdate, { args: [request] });

export const cancelOrder = (client: Client, orderId: string, request: CancelRequest): Promise<EventResult> =>
  orderHandle(client, orderId).executeUpdate(cancelUpdate, { args: [request] });

/**
 * A cancellation a sales channel reports (e.g. Amazon "Canceled"). It is the same cancel ops and
 * customers use; when the lifecycle refuses it (already shipped, unknown or closed order) that is the
 * answer, not a failure to retry: the channel's request stays recorded by the intake.
 */
export async function cancelOrderFromChannel(
  client: Client,
  orderId: string,
  reason: string,
): Promise<'cancelled' | 'refused'> {
  try {
    await cancelOrder(client, orderId, {
      eventId: 'channel-cancel',
      reasonCode: 'other',
      note: reason.slice(0, 500),
      source: 'channel',
    });
    return 'cancelled';
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError)
      return 'refused';
    throw error;
  }
}

// ---- Signals: fire-and-forget ----

export const sendCarrierUpdate = (client: Client, orderId: string, event: CarrierTrackingEvent) =>
  orderHandle(client, orderId).signal(carrierUpdateSignal, event);

/** One push's new events for one order, oldest first, in one signal. */
export const sendCarrierUpdates = (client: Client, orderId: string, events: CarrierTrackingEvent[]) =>
  orderHandle(client, orderId).signal(carrierUpdatesSignal, events);

/** A backordered order re-checks its stock. */
export const notifyRestocked = (client: Client, orderId: string, notice: RestockNotice) =>
  orderHandle(client, orderId).signal(inventoryRestockedSignal, notice);

// ---- Queries ----

export const queryOrderView = (client: Client, orderId: string): Promise<OrderView> =>
  orderHandle(client, orderId).query(orderViewQuery);

export const queryOrderTimeline = (client: Client, orderId: string): Promise<TimelineEntry[]> =>
  orderHandle(client, orderId).query(timelineQuery);

/** The IDs of every order with a workflow (open or closed; each order once, not per run). */
export async function listOrderIds(client: Client): Promise<string[]> {
  const orderIds: string[] = [];
  for await (const execution of client.workflow.list({
    query: `WorkflowType = '${ORDER_WORKFLOW_TYPE}' AND ExecutionStatus != 'ContinuedAsNew'`,
  })) {
    orderIds.push(orderIdOfWorkflow(execution.workflowId));
  }
  return orderIds;
}

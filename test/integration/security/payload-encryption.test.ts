import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { customerSearchId, processCustomerSearchKey } from '../../../src/security/customer-search-id';
import { PayloadEncryptionCodec } from '../../../src/security/payload-codec';
import { demoPayloadKeys } from '../../../src/security/payload-keys';
import { orderSubmissionSchema, toCanonicalOrder } from '../../../src/domain/order';
import { setStock } from '../../../src/inventory/stock';
import { queryOrderView, sendFulfillmentEvent, startOrderWorkflow } from '../../../src/orders/order-client';
import { orderWorkflowId } from '../../../src/workflows/order/contract';
import { eventually, request } from '../../support/http';
import { deliverOrder } from '../../support/lifecycle-driver';
import { orderWorkflowBundle, startOrderStack, type OrderStack } from '../../support/order-stack';
import { sampleOrder } from '../../support/orders';

const { History } = temporal.api.history.v1;
const { WorkflowExecutionInfo } = temporal.api.workflow.v1;

const customer = {
  id: 'cust-enc-1',
  name: 'Grace Brewster Hopper',
  email: 'grace.hopper.enc@example.org',
  phone: '+14155550199',
  locale: 'en',
  timeZone: 'UTC',
};
const street = '42 Cobol Harbour Street';
const personalData = [customer.email, customer.phone, street, customer.name, customer.id];
/** The order's CustomerId search attribute: a keyed pseudonym of the customer ID, stored readable. */
const customerPseudonym = customerSearchId(processCustomerSearchKey(), 'web', 'acme', customer.id);

type RawHistory = temporal.api.history.v1.IHistory;

/** Every page of a workflow's history as the server stores it: straight from the service, no codec. */
async function rawHistory(stack: OrderStack, workflowId: string): Promise<RawHistory> {
  const events: temporal.api.history.v1.IHistoryEvent[] = [];
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await stack.env.connection.workflowService.getWorkflowExecutionHistory({
      namespace: stack.env.namespace ?? 'default',
      execution: { workflowId },
      nextPageToken,
    });
    events.push(...(page.history?.events ?? []));
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
  return { events };
}

/** The bytes the server keeps, as text a search for an address or phone number would read. */
const storedText = (history: RawHistory) => Buffer.from(History.encode(history).finish()).toString('latin1');

describe('customer data reaches the Temporal server encrypted', () => {
  let stack: OrderStack;
  let orderId: string;
  before(async () => {
    stack = await startOrderStack({ notifications: true });
    await setStock(stack.database.db, 'SKU-MUG', 5);
    const client = stack.env.client;
    const submission = sampleOrder({
      customer,
      shippingAddress: { ...sampleOrder().shippingAddress, name: customer.name, line1: street },
    });
    ({ orderId } = await startOrderWorkflow(
      client,
      toCanonicalOrder(orderSubmissionSchema.parse(submission)),
    ));
    await eventually(async () =>
      (await queryOrderView(client, orderId)).status === 'reserved' ? true : undefined,
    );
    await sendFulfillmentEvent(client, orderId, { eventId: 'picked-1', type: 'picked' });
    await sendFulfillmentEvent(client, orderId, { eventId: 'packed-1', type: 'packed' });
    const shipped = await sendFulfillmentEvent(client, orderId, {
      eventId: 'shipped-1',
      type: 'shipped',
      carrier: 'ups',
      service: 'standard',
    });
    const trackingNumber = shipped.order.shipment?.trackingNumber;
    assert.ok(trackingNumber, 'shipped with a tracking number');
    await deliverOrder(client, orderId, trackingNumber);
    await eventually(async () =>
      (await queryOrderView(client, orderId)).status === 'delivered' ? true : undefined,
    );
  });
  after(async () => {
    await stack?.stop();
  });

  test('the order works end to end: delivered, and the customer got email at their address', async () => {
    assert.equal((await queryOrderView(stack.env.client, orderId)).status, 'delivered');
    const received = await eventually(async () => {
      const sent = await request<{ received: { to: string[] }[] }>(
        stack.providers!.urls.sendgrid!,
        'GET',
        '/_sim/received',
      );
      const toCustomer = sent.body.received.filter((email) => email.to.includes(customer.email));
      return toCustomer.length > 0 ? toCustomer : undefined;
    });
    assert.ok(received.length > 0);
  });

  test('no raw history on the server, the order’s or any notification’s, holds email, phone, street or name', async () => {
    const workflowIds: string[] = [];
    for await (const execution of stack.env.client.workflow.list()) workflowIds.push(execution.workflowId);
    assert.ok(workflowIds.includes(orderWorkflowId(orderId)));
    for (const workflowId of workflowIds) {
      const history = await rawHistory(stack, workflowId);
      const text = storedText(history);
      assert.ok(text.includes('binary/encrypted'), `${workflowId}: its payloads are encrypted`);
      for (const value of personalData) assert.ok(!text.includes(value), `${workflowId} holds ${value}`);
      // What is not a payload is stored readable, and found by this search: the start's search attributes.
      if (workflowId === orderWorkflowId(orderId)) assert.ok(text.includes(customerPseudonym));
    }
  });

  test('visibility (search attributes and memo) holds none of it either', async () => {
    const listed = await stack.env.connection.workflowService.listWorkflowExecutions({
      namespace: stack.env.namespace ?? 'default',
      pageSize: 1000,
    });
    const texts = listed.executions.map((execution) =>
      Buffer.from(WorkflowExecutionInfo.encode(execution).finish()).toString('latin1'),
    );
    // The order's search attributes are read here: the customer's pseudonym is one of them.
    assert.ok(texts.some((text) => text.includes(customerPseudonym)));
    for (const text of texts) for (const value of personalData) assert.ok(!text.includes(value), value);
  });

  test('decoded with the key, the stored history holds the customer’s details and replays', async () => {
    const history = await rawHistory(stack, orderWorkflowId(orderId));
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    const codec = new PayloadEncryptionCodec(demoPayloadKeys());
    const [input] = await codec.decode(started.input!.payloads as Payload[]);
    const decoded = JSON.stringify(defaultPayloadConverter.fromPayload(input!));
    for (const value of personalData) assert.ok(decoded.includes(value), value);
    await Worker.runReplayHistory(
      { workflowBundle: await orderWorkflowBundle(), dataConverter: stack.env.client.options.dataConverter },
      history,
    );
  });
});

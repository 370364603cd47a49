// The workflow bundle of intake benchmarks and integration tests.
export { intakeBenchOrder } from './order-workflow';
export { reconcileChannels } from '../../src/intake/workflows/reconcile-channels';

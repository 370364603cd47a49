import type { TelemetryOptions } from '@temporalio/worker';

/**
 * Metrics the Temporal SDK's core exports itself through its Prometheus endpoint
 * (https://docs.temporal.io/references/sdk-metrics). Durations are milliseconds; histograms also
 * come as _bucket, _sum and _count. The alert-rule test accepts these names besides the registry's.
 */
export const TEMPORAL_SDK_METRICS = [
  'temporal_workflow_task_schedule_to_start_latency',
  'temporal_activity_schedule_to_start_latency',
  'temporal_workflow_task_execution_latency',
  'temporal_activity_execution_latency',
  'temporal_workflow_task_queue_poll_succeed',
  'temporal_workflow_task_queue_poll_empty',
  'temporal_activity_poll_no_task',
  'temporal_long_request_latency',
  'temporal_request_latency',
  'temporal_worker_task_slots_available',
  'temporal_worker_task_slots_used',
  'temporal_num_pollers',
  'temporal_sticky_cache_size',
  'temporal_sticky_cache_hit',
  'temporal_sticky_cache_miss',
  'temporal_workflow_task_execution_failed',
  'temporal_activity_execution_failed',
] as const;

/**
 * The SDK's telemetry: its Prometheus exporter on TEMPORAL_METRICS_BIND_ADDRESS (e.g. 0.0.0.0:9464)
 * when set, nothing otherwise.
 */
export function temporalSdkTelemetry(env: NodeJS.ProcessEnv = process.env): TelemetryOptions | undefined {
  const bindAddress = env.TEMPORAL_METRICS_BIND_ADDRESS;
  if (!bindAddress) return undefined;
  return { metrics: { prometheus: { bindAddress }, globalTags: { service: 'order-status-tracking' } } };
}

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Every metric the service exports, registered in one registry so `/metrics` and the alert-rule test
 * see the same list. Names follow Prometheus conventions: `_total` counters, `_seconds` durations.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const registers = [registry];
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const httpRequestsTotal = new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests by method, express route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers,
});

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by method, express route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});

export const intakeOutcomesTotal = new Counter({
  name: 'intake_outcomes_total',
  help: 'What became of each channel delivery: accepted, duplicate, dead_lettered, rate_limited, unavailable, or the outcome kind (stale, cancelled, ignored, ...).',
  labelNames: ['channel', 'outcome'] as const,
  registers,
});

export const intakeLastAcceptedTimestamp = new Gauge({
  name: 'intake_last_accepted_timestamp_seconds',
  help: 'Unix time of the last order a sales channel got accepted (a silent channel stops moving it).',
  labelNames: ['channel'] as const,
  registers,
});

export const webhookOutcomesTotal = new Counter({
  name: 'webhook_outcomes_total',
  help: 'Carrier and message-provider webhooks by source and outcome (accepted, unauthorized, malformed, unavailable, other).',
  labelNames: ['kind', 'source', 'outcome'] as const,
  registers,
});

export const notificationOutcomesTotal = new Counter({
  name: 'notification_outcomes_total',
  help: 'Customer message attempts by channel, provider and outcome (sent, retried, fell_back, dead_lettered, suppressed).',
  labelNames: ['channel', 'provider', 'outcome'] as const,
  registers,
});

export const notificationAcceptanceDelay = new Histogram({
  name: 'notification_milestone_to_acceptance_seconds',
  help: "Time from the order milestone to the provider's acceptance of the customer message.",
  labelNames: ['channel', 'provider'] as const,
  buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
  registers,
});

export const carrierApiDuration = new Histogram({
  name: 'carrier_api_request_duration_seconds',
  help: 'Carrier API call latency per attempt, by carrier and outcome (ok, client_error, server_error, network_error).',
  labelNames: ['carrier', 'outcome'] as const,
  buckets: LATENCY_BUCKETS,
  registers,
});

export const carrierApiErrorsTotal = new Counter({
  name: 'carrier_api_errors_total',
  help: 'Carrier API attempts that failed (HTTP 429/5xx or no response), by carrier and kind.',
  labelNames: ['carrier', 'kind'] as const,
  registers,
});

export const readModelLag = new Histogram({
  name: 'read_model_lag_seconds',
  help: 'Time from an event applied by the order workflow to its timeline entry written to the read model.',
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  registers,
});

export const doorRateLimitedTotal = new Counter({
  name: 'door_rate_limited_total',
  help: 'Requests answered 429 at a public door, by door and by what was over its limit (address or account).',
  labelNames: ['door', 'by'] as const,
  registers,
});

export const carrierEventsDeferredTotal = new Counter({
  name: 'carrier_events_deferred_total',
  help: 'New carrier events over their order’s rate, held back and the push answered 429 to be delivered again, by webhook source.',
  labelNames: ['source'] as const,
  registers,
});

export const intakeDeadLettersRefusedTotal = new Counter({
  name: 'intake_dead_letters_refused_total',
  help: 'Rejected deliveries not kept as dead letters (account quota or the total cap reached), by channel and reason.',
  labelNames: ['channel', 'reason'] as const,
  registers,
});

type OpenOrderCounts = () => Promise<{ status: string; count: number }[]>;
let openOrderCounts: OpenOrderCounts | undefined;

/** The read-model query the open-orders gauge runs at scrape time (the API process sets it). */
export function countOpenOrdersWith(counts: OpenOrderCounts): void {
  openOrderCounts = counts;
}

export const openOrders = new Gauge({
  name: 'orders_open',
  help: 'Open orders (not delivered, cancelled or returned) by status, read from the read model at scrape time.',
  labelNames: ['status'] as const,
  registers,
  async collect() {
    if (!openOrderCounts) return;
    this.reset();
    for (const { status, count } of await openOrderCounts()) this.set({ status }, count);
  },
});

/** Names of the metric series the registry exports (histograms also as _bucket, _sum, _count). */
export async function exportedMetricNames(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const metric of await registry.getMetricsAsJSON()) {
    names.add(metric.name);
    if (String(metric.type) === 'histogram')
      for (const s of ['_bucket', '_sum', '_count']) names.add(metric.name + s);
  }
  return names;
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { exportedMetricNames } from '../../../src/observability/metrics';
import { TEMPORAL_SDK_METRICS } from '../../../src/observability/temporal-sdk-metrics';

const root = path.resolve(__dirname, '..', '..', '..');
const KEYWORDS = new Set([
  'by',
  'without',
  'and',
  'or',
  'unless',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** The metric names a PromQL expression reads: identifiers that are not functions, labels or keywords. */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const names = [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter((match) => !match[2] && !KEYWORDS.has(match[1]!.toLowerCase()))
    .map((match) => match[1]!);
  return [...new Set(names)];
}

const SDK_SERIES = new Set(
  TEMPORAL_SDK_METRICS.flatMap((name) => ['', '_bucket', '_sum', '_count', '_total'].map((s) => name + s)),
);

async function unknownMetrics(exprs: string[]): Promise<string[]> {
  const exported = await exportedMetricNames();
  return exprs.flatMap(metricNamesIn).filter((name) => !exported.has(name) && !SDK_SERIES.has(name));
}

interface Rule {
  alert: string;
  expr: string;
}

describe('alert rules and dashboard read metrics that exist', () => {
  test('the extractor finds metric names and skips functions, labels and keywords', () => {
    assert.deepEqual(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (le) (rate(read_model_lag_seconds_bucket{job="x"}[5m]))) > 2',
      ),
      ['read_model_lag_seconds_bucket'],
    );
    assert.deepEqual(
      metricNamesIn('time() - max by (channel) (intake_last_accepted_timestamp_seconds) > 3600'),
      ['intake_last_accepted_timestamp_seconds'],
    );
  });

  test('a name the service does not export is caught', async () => {
    assert.deepEqual(await unknownMetrics(['rate(orders_shipped_total[5m])']), ['orders_shipped_total']);
  });

  test('every metric in deploy/prometheus/alerts.yml is exported by the service or the Temporal SDK', async () => {
    const rules = parse(readFileSync(path.join(root, 'deploy/prometheus/alerts.yml'), 'utf8')) as {
      groups: { rules: Rule[] }[];
    };
    const exprs = rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr));
    assert.ok(exprs.length >= 5);
    assert.deepEqual(await unknownMetrics(exprs), []);
  });

  test('every metric in the Grafana dashboard is exported by the service or the Temporal SDK', async () => {
    const dashboard = JSON.parse(
      readFileSync(path.join(root, 'deploy/grafana/order-tracking.json'), 'utf8'),
    ) as {
      panels: { targets?: { expr: string }[] }[];
    };
    const exprs = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    assert.ok(exprs.length >= 10);
    assert.deepEqual(await unknownMetrics(exprs), []);
  });
});

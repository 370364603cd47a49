import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ORDER_SEARCH_ATTRIBUTES } from '../../../src/workflows/order/contract';

const root = path.resolve(__dirname, '..', '..', '..');

interface Service {
  image?: string;
  build?: string;
  command?: string[] | string;
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
  container_name?: string;
  volumes?: string[];
  healthcheck?: unknown;
}
/** As compose runs it once the operator has set every variable: `${VAR:?…}` → a value, `${VAR:-x}` → x. */
const interpolated = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8').replace(
  /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
  (_match, name: string, kind?: string, rest?: string) => (kind === '-' ? (rest ?? '') : `set-${name}`),
);
const compose = parse(interpolated, { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

test('the stack has every part: Temporal on PostgreSQL, schema setup, UI, database, API, workers', () => {
  for (const name of [
    'postgresql',
    'temporal-schema',
    'temporal',
    'temporal-setup',
    'temporal-ui',
    'api',
    'order-worker',
    'notification-worker',
  ]) {
    assert.ok(services[name], `service ${name}`);
  }
  assert.equal(services.temporal!.environment!.DB, 'postgres12');
  assert.equal(services.temporal!.environment!.POSTGRES_SEEDS, 'postgresql');
});

test('every dependency names a service and a condition compose knows', () => {
  const conditions = ['service_started', 'service_healthy', 'service_completed_successfully'];
  for (const [name, service] of Object.entries(services)) {
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      assert.ok(services[dependency], `${name} depends on unknown ${dependency}`);
      assert.ok(conditions.includes(condition), `${name}: ${condition}`);
      if (condition === 'service_healthy')
        assert.ok(services[dependency]!.healthcheck, `${dependency} has a healthcheck`);
    }
  }
});

test('addresses in the environment point at services of the stack', () => {
  for (const [name, service] of Object.entries(services)) {
    const env = service.environment ?? {};
    if (env.TEMPORAL_ADDRESS) {
      const [host, port] = env.TEMPORAL_ADDRESS.split(':');
      assert.equal(host, 'temporal', `${name} TEMPORAL_ADDRESS`);
      assert.equal(port, '7233');
    }
    if (env.DATABASE_URL) {
      const url = new URL(env.DATABASE_URL);
      assert.ok(services[url.hostname], `${name} DATABASE_URL host ${url.hostname}`);
      assert.equal(url.username, services.postgresql!.environment!.POSTGRES_USER);
      assert.equal(url.pathname.slice(1), services.postgresql!.environment!.POSTGRES_DB);
    }
  }
});

test('the app services run entrypoints that exist in the source and depend on the search attributes', () => {
  for (const name of ['api', 'order-worker', 'notification-worker']) {
    const service = services[name]!;
    assert.equal(service.build, '.');
    const entry = (service.command as string[])[1]!;
    const source = entry.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
    assert.ok(existsSync(path.join(root, source)), `${name} runs ${entry}, built from ${source}`);
    assert.equal(service.depends_on?.['temporal-setup']?.condition, 'service_completed_successfully');
  }
  assert.ok(existsSync(path.join(root, 'Dockerfile')));
});

test('the setup registers exactly the search attributes the workflow uses, with their types', () => {
  const command = (services['temporal-setup']!.command as string[]).join(' ');
  const registered = [...command.matchAll(/--name (\w+) --type (\w+)/g)].map(
    ([, name, type]) => `${name}:${type}`,
  );
  const cliType: Record<string, string> = { KEYWORD: 'Keyword', BOOL: 'Bool', INT: 'Int' };
  const expected = ORDER_SEARCH_ATTRIBUTES.map((key) => `${key.name}:${cliType[key.type]}`);
  assert.deepEqual(registered.sort(), expected.sort());
});

test('published ports do not collide', () => {
  const hostPorts = Object.values(services).flatMap((service) =>
    (service.ports ?? []).map((p) => p.split(':')[0]),
  );
  assert.equal(new Set(hostPorts).size, hostPorts.length);
});

test('the app services scale: no fixed container name or host port; the proxy publishes the API', () => {
  // docker compose up --scale api=2 --scale order-worker=2 --scale notification-worker=2
  for (const name of ['api', 'order-worker', 'notification-worker']) {
    const service = services[name]!;
    assert.equal(service.container_name, undefined, `${name} has a fixed container_name`);
    assert.deepEqual(service.ports ?? [], [], `${name} publishes a host port`);
  }
  assert.deepEqual(services.api!.expose, [services.api!.environment!.API_PORT]);
  const proxy = services['api-proxy']!;
  assert.deepEqual(proxy.ports, ['3000:3000']);
  assert.equal(proxy.depends_on?.api?.condition, 'service_started');
  const mount = proxy.volumes!.find((volume) => volume.endsWith(':/etc/nginx/conf.d/default.conf:ro'))!;
  const conf = readFileSync(path.join(root, mount.split(':')[0]!), 'utf8');
  assert.match(conf, /listen 3000;/);
  // Resolved per request through Docker's DNS, so every replica gets traffic, also ones started later.
  assert.match(conf, /resolver 127\.0\.0\.11/);
  assert.match(conf, new RegExp(`set \\$\\w+ http://api:${services.api!.environment!.API_PORT};`));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PRODUCTION_SECRETS } from '../../../src/runtime/production-secrets';
import { TEMPORAL_CODEC_PATH } from '../../../src/api/ops/temporal-codec';

interface Service {
  environment?: Record<string, string>;
  ports?: string[];
  expose?: string[];
}
/** The file as written: variables not interpolated, so `${VAR:?…}` and defaults can be read. */
const raw = parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service> };
const services = raw.services;
const APP_SERVICES = ['api', 'order-worker', 'notification-worker'];

const REQUIRED = /^\$\{(\w+):\?[^}]+\}$/;
const OPTIONAL_EMPTY = /^\$\{(\w+):-\}$/;
/** Names of settings that hold a secret (public keys and key IDs are not). */
const SECRET_NAME = /SECRET|TOKEN|PASSWORD|PWD|_API_KEY$|PAYLOAD_KEYS$|CREDENTIAL/;
const NOT_SECRET = new Set(['TEMPORAL_CODEC_PASS_ACCESS_TOKEN']);

test('Temporal’s frontend is not published: nothing outside the compose network reaches :7233', () => {
  assert.deepEqual(services.temporal!.ports ?? [], []);
  assert.deepEqual(services.temporal!.expose, ['7233']);
  for (const [name, service] of Object.entries(services))
    for (const port of service.ports ?? []) assert.doesNotMatch(port, /:7233$/, `${name} publishes ${port}`);
});

test('the Temporal UI signs users in with OIDC and decodes payloads through the API’s codec endpoint', () => {
  const env = services['temporal-ui']!.environment!;
  assert.equal(env.TEMPORAL_AUTH_ENABLED, 'true');
  for (const name of ['TEMPORAL_AUTH_PROVIDER_URL', 'TEMPORAL_AUTH_CLIENT_ID', 'TEMPORAL_AUTH_CLIENT_SECRET'])
    assert.match(env[name] ?? '', REQUIRED, name);
  assert.match(env.TEMPORAL_AUTH_CALLBACK_URL ?? '', /\/auth\/sso\/callback$/);
  assert.ok(env.TEMPORAL_CODEC_ENDPOINT?.endsWith(`${TEMPORAL_CODEC_PATH}}`), env.TEMPORAL_CODEC_ENDPOINT);
  assert.equal(env.TEMPORAL_CODEC_PASS_ACCESS_TOKEN, 'true');
});

test('no secret has a value in the file: each is required from the operator or empty (feature off)', () => {
  let secrets = 0;
  for (const [name, service] of Object.entries(services)) {
    for (const [variable, value] of Object.entries(service.environment ?? {})) {
      if (!SECRET_NAME.test(variable) || NOT_SECRET.has(variable)) continue;
      secrets += 1;
      assert.ok(
        REQUIRED.test(value) || OPTIONAL_EMPTY.test(value),
        `${name}: ${variable} is ${value}, not \${${variable}:?…} or empty`,
      );
    }
    const url = service.environment?.DATABASE_URL;
    if (url) assert.match(url, /^postgres:\/\/\w+:\$\{POSTGRES_PASSWORD:\?[^}]+\}@/, `${name} DATABASE_URL`);
  }
  assert.ok(secrets > 10, 'the check found the secrets');
});

test('every secret production requires is required by compose for every app service', () => {
  for (const name of APP_SERVICES) {
    const env = services[name]!.environment!;
    for (const secret of PRODUCTION_SECRETS.filter((entry) => entry.required)) {
      const variables = secret.variable.split(' or ');
      assert.ok(
        variables.some((variable) => REQUIRED.test(env[variable] ?? '')),
        `${name}: ${secret.variable} is not required`,
      );
    }
  }
});

test('the app services run with NODE_ENV=production', () => {
  for (const name of APP_SERVICES) assert.equal(services[name]!.environment!.NODE_ENV, 'production', name);
});

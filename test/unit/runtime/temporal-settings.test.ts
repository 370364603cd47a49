import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  clientConnectionOptions,
  nativeConnectionOptions,
  temporalSettingsFromEnv,
} from '../../../src/runtime/temporal-connections';
import { demoPayloadKeys } from '../../../src/security/payload-keys';

const dir = mkdtempSync(path.join(tmpdir(), 'temporal-settings-'));
function file(name: string, content: string): string {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
}
const cert = file('client.pem', 'CERT');
const key = file('client.key', 'KEY');
const ca = file('ca.pem', 'CA');
const apiKeyFile = file('api-key', 'secret-key\n');
const cloud = { TEMPORAL_ADDRESS: 'acme.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'acme.a1b2c' };

test('plaintext by default, with the default namespace and the fallback address', () => {
  assert.deepEqual(temporalSettingsFromEnv({}, '127.0.0.1:7233'), {
    address: '127.0.0.1:7233',
    namespace: 'default',
    payloadKeys: demoPayloadKeys(),
  });
  assert.deepEqual(clientConnectionOptions(temporalSettingsFromEnv({ TEMPORAL_ADDRESS: 'temporal:7233' })), {
    address: 'temporal:7233',
  });
});

test('no address at all is a clear error', () => {
  assert.throws(() => temporalSettingsFromEnv({}), /TEMPORAL_ADDRESS must be set/);
});

test('mTLS: the certificate, key and CA files are read; the server name is passed on', () => {
  const settings = temporalSettingsFromEnv({
    ...cloud,
    TEMPORAL_TLS_CERT: cert,
    TEMPORAL_TLS_KEY: key,
    TEMPORAL_TLS_CA: ca,
    TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
  });
  assert.equal(settings.namespace, 'acme.a1b2c');
  assert.equal(settings.tls?.clientCertPair?.crt.toString(), 'CERT');
  assert.equal(settings.tls?.clientCertPair?.key.toString(), 'KEY');
  assert.equal(settings.tls?.serverRootCACertificate?.toString(), 'CA');
  assert.equal(settings.tls?.serverNameOverride, 'temporal.internal');
  for (const options of [clientConnectionOptions(settings), nativeConnectionOptions(settings)]) {
    assert.equal(options.address, cloud.TEMPORAL_ADDRESS);
    assert.equal(options.tls, settings.tls);
  }
});

test('a certificate without its key, or a key without its certificate, names the missing variable', () => {
  assert.throws(
    () => temporalSettingsFromEnv({ ...cloud, TEMPORAL_TLS_CERT: cert }),
    /TEMPORAL_TLS_KEY must be set/,
  );
  assert.throws(
    () => temporalSettingsFromEnv({ ...cloud, TEMPORAL_TLS_KEY: key }),
    /TEMPORAL_TLS_CERT must be set/,
  );
});

test('a file that cannot be read names the variable and the path', () => {
  const missing = path.join(dir, 'nope.pem');
  assert.throws(
    () => temporalSettingsFromEnv({ ...cloud, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: missing }),
    (error: Error) => error.message.startsWith(`TEMPORAL_TLS_KEY names ${missing}, which cannot be read`),
  );
  assert.throws(
    () => temporalSettingsFromEnv({ ...cloud, TEMPORAL_TLS_CA: dir }),
    new RegExp(`^Error: TEMPORAL_TLS_CA names ${dir}, which cannot be read: .*EISDIR`),
  );
});

test('an API key from the variable or a file; TLS left to the SDK default (on with a key)', () => {
  const direct = temporalSettingsFromEnv({ ...cloud, TEMPORAL_API_KEY: 'k-1' });
  assert.deepEqual(nativeConnectionOptions(direct), { address: cloud.TEMPORAL_ADDRESS, apiKey: 'k-1' });
  assert.equal(temporalSettingsFromEnv({ ...cloud, TEMPORAL_API_KEY_FILE: apiKeyFile }).apiKey, 'secret-key');
  assert.throws(
    () => temporalSettingsFromEnv({ ...cloud, TEMPORAL_API_KEY: 'k', TEMPORAL_API_KEY_FILE: apiKeyFile }),
    /not both/,
  );
  assert.throws(
    () => temporalSettingsFromEnv({ ...cloud, TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }),
    /needs TLS/,
  );
  assert.throws(
    () => temporalSettingsFromEnv({ ...cloud, TEMPORAL_API_KEY_FILE: file('empty', '  \n') }),
    /which is empty/,
  );
});

test('TEMPORAL_TLS=true turns TLS on with the system CAs and no client certificate', () => {
  assert.deepEqual(temporalSettingsFromEnv({ ...cloud, TEMPORAL_TLS: 'true' }).tls, {});
  assert.equal(temporalSettingsFromEnv({ ...cloud, TEMPORAL_TLS: 'false' }).tls, undefined);
});

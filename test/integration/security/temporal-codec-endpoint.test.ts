import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { startLocalCodecServer, type LocalCodecServer } from '../../../src/api/local-codec-server';
import { createLogger } from '../../../src/logger';
import { PayloadEncryptionCodec } from '../../../src/security/payload-codec';
import { parsePayloadKeys } from '../../../src/security/payload-keys';

const UI = 'http://localhost:8233';
const keyring = parsePayloadKeys(`k1:${randomBytes(32).toString('base64')}`);
const codec = new PayloadEncryptionCodec(keyring);
const order = { customer: { email: 'ada@example.com' } };

/** A payload as the remote codec protocol carries it. */
function wire(payload: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }) {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([key, value]) => [
        key,
        Buffer.from(value).toString('base64'),
      ]),
    ),
    data: Buffer.from(payload.data ?? []).toString('base64'),
  };
}

describe('the Temporal remote codec endpoint, over HTTP', () => {
  let server: LocalCodecServer;
  const post = (direction: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.endpoint}/${direction}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: UI, 'x-namespace': 'default', ...headers },
      body: JSON.stringify(body),
    });
  before(async () => {
    server = await startLocalCodecServer({
      port: 0,
      codec,
      namespace: 'default',
      uiOrigins: [UI],
      logger: createLogger('silent'),
    });
  });
  after(async () => {
    await server?.close();
  });

  test('answers the UI’s preflight for its origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.endpoint}/decode`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, x-namespace',
        },
      });
    const allowed = await preflight(UI);
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers.get('access-control-allow-origin'), UI);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /X-Namespace/);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const other = await preflight('https://evil.example');
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });

  test('decodes what the service encrypted, and passes unencrypted payloads through', async () => {
    const plain = defaultPayloadConverter.toPayload(order);
    const [encrypted] = await codec.encode([plain]);
    const response = await post('decode', { payloads: [wire(encrypted!), wire(plain)] });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), UI);
    const { payloads } = (await response.json()) as { payloads: ReturnType<typeof wire>[] };
    assert.deepEqual(payloads, [wire(plain), wire(plain)]);
  });

  test('encodes what the UI sends so the service can decrypt it', async () => {
    const plain = defaultPayloadConverter.toPayload(order);
    const response = await post('encode', { payloads: [wire(plain)] });
    assert.equal(response.status, 200);
    const [sent] = ((await response.json()) as { payloads: ReturnType<typeof wire>[] }).payloads;
    assert.equal(Buffer.from(sent!.metadata.encoding!, 'base64').toString(), 'binary/encrypted');
    assert.ok(!Buffer.from(sent!.data, 'base64').toString('latin1').includes('ada@example.com'));
    const [decoded] = await codec.decode([
      {
        metadata: Object.fromEntries(
          Object.entries(sent!.metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
        ),
        data: Buffer.from(sent!.data, 'base64'),
      },
    ]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded!), order);
  });

  test('bad input gets a 4xx naming the field: another namespace, not base64, an altered payload', async () => {
    const namespace = await post('decode', { payloads: [] }, { 'x-namespace': 'other' });
    assert.equal(namespace.status, 400);
    assert.deepEqual(
      ((await namespace.json()) as { errors: { field: string }[] }).errors[0]!.field,
      'header:x-namespace',
    );

    const notBase64 = await post('decode', { payloads: [{ metadata: {}, data: 'not base64!' }] });
    assert.equal(notBase64.status, 400);
    assert.equal(
      ((await notBase64.json()) as { errors: { field: string }[] }).errors[0]!.field,
      'payloads.0.data',
    );

    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(order)]);
    const altered = Buffer.from(encrypted!.data!);
    altered[14] = altered[14]! ^ 0xff;
    const tampered = await post('decode', { payloads: [wire({ ...encrypted!, data: altered })] });
    assert.equal(tampered.status, 422);
    const problem = (await tampered.json()) as { code: string; errors: { field: string }[] };
    assert.equal(problem.code, 'undecodable_payload');
    assert.equal(problem.errors[0]!.field, 'payloads.0');

    const notJson = await fetch(`${server.endpoint}/decode`, { method: 'POST', body: 'x' });
    assert.ok(notJson.status >= 400 && notJson.status < 500, String(notJson.status));
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { loadDataConverter, encodeErrorToFailure } from '@temporalio/common/lib/internal-non-workflow';
import { temporal } from '@temporalio/proto';
import {
  encryptingDataConverter,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  PayloadDecryptionError,
  PayloadEncryptionCodec,
} from '../../../src/security/payload-codec';
import { parsePayloadKeys, payloadKeysFromEnv } from '../../../src/security/payload-keys';

const key = () => randomBytes(32).toString('base64');
const [k1, k2] = [key(), key()];
const order = { customer: { email: 'ada@example.com', phone: '+14155550123' }, line1: '1 Analytical Way' };
const payload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const asText = (p: Payload) => Buffer.from(p.data ?? []).toString('latin1');
const metadataText = (p: Payload, name: string) => Buffer.from(p.metadata?.[name] ?? []).toString('utf8');

describe('payload encryption codec', () => {
  it('round-trips a payload, and what it encodes carries the key ID but none of the plaintext', async () => {
    const codec = new PayloadEncryptionCodec(parsePayloadKeys(`k1:${k1}`));
    const [encoded] = await codec.encode([payload(order)]);
    assert.equal(metadataText(encoded!, 'encoding'), ENCRYPTED_ENCODING);
    assert.equal(metadataText(encoded!, KEY_ID_METADATA), 'k1');
    for (const secret of ['ada@example.com', '14155550123', 'Analytical', 'json/plain'])
      assert.ok(!asText(encoded!).includes(secret), secret);
    const [decoded] = await codec.decode([encoded!]);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded!), order);
    assert.equal(metadataText(decoded!, 'encoding'), 'json/plain');
  });

  it('encrypts the same value differently each time (a fresh IV per payload)', async () => {
    const codec = new PayloadEncryptionCodec(parsePayloadKeys(`k1:${k1}`));
    const [a, b] = await codec.encode([payload(order), payload(order)]);
    assert.notDeepEqual(Buffer.from(a!.data!), Buffer.from(b!.data!));
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = new PayloadEncryptionCodec(parsePayloadKeys(`k1:${k1}`));
    const [encoded] = await codec.encode([payload(order)]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 0x01;
    await assert.rejects(codec.decode([{ ...encoded!, data }]), PayloadDecryptionError);
  });

  it('refuses a payload whose key ID was swapped for another configured key', async () => {
    const codec = new PayloadEncryptionCodec(parsePayloadKeys(`k1:${k1},k2:${k2}`));
    const [encoded] = await codec.encode([payload(order)]);
    const swapped = { ...encoded!, metadata: { ...encoded!.metadata, [KEY_ID_METADATA]: Buffer.from('k2') } };
    await assert.rejects(codec.decode([swapped]), /does not authenticate with key "k2"/);
  });

  it('refuses a payload encrypted with a key it does not have, naming the key ID', async () => {
    const [encoded] = await new PayloadEncryptionCodec(parsePayloadKeys(`old:${k1}`)).encode([payload(1)]);
    const codec = new PayloadEncryptionCodec(parsePayloadKeys(`new:${k2}`));
    await assert.rejects(codec.decode([encoded!]), /No payload key with ID "old"/);
  });

  it('rotates: the new active key encrypts, the old one still decrypts what it encrypted', async () => {
    const before = new PayloadEncryptionCodec(parsePayloadKeys(`2026-01:${k1}`));
    const [old] = await before.encode([payload(order)]);
    const after = new PayloadEncryptionCodec(
      payloadKeysFromEnv({
        TEMPORAL_PAYLOAD_KEYS: `2026-01:${k1},2026-06:${k2}`,
        TEMPORAL_PAYLOAD_ACTIVE_KEY: '2026-06',
      }),
    );
    const [fresh] = await after.encode([payload(order)]);
    assert.equal(metadataText(fresh!, KEY_ID_METADATA), '2026-06');
    const decoded = await after.decode([old!, fresh!]);
    assert.deepEqual(
      decoded.map((p) => defaultPayloadConverter.fromPayload(p)),
      [order, order],
    );
    await assert.rejects(before.decode([fresh!]), /No payload key with ID "2026-06"/);
  });

  it('passes unencrypted payloads through decode unchanged', async () => {
    const codec = new PayloadEncryptionCodec(parsePayloadKeys(`k1:${k1}`));
    const plain = [payload(order), payload(undefined), payload(new Uint8Array([1, 2, 3]))];
    assert.deepEqual(await codec.decode(plain), plain);
  });
});

describe('the encrypting data converter', () => {
  it('encrypts a failure’s message and stack trace, and restores them on decoding', async () => {
    const converter = loadDataConverter(encryptingDataConverter(parsePayloadKeys(`k1:${k1}`)));
    const failure = await encodeErrorToFailure(converter, new Error('provider refused +14155550123'));
    const stored = Buffer.from(temporal.api.failure.v1.Failure.encode(failure).finish()).toString('latin1');
    assert.ok(!stored.includes('14155550123'), stored);
    assert.ok(stored.includes(ENCRYPTED_ENCODING));
    const [decoded] = await converter.payloadCodecs[0]!.decode([failure.encodedAttributes!]);
    const attributes = converter.payloadConverter.fromPayload<{ message: string }>(decoded!);
    assert.equal(attributes.message, 'provider refused +14155550123');
    const error = converter.failureConverter.failureToError(
      { ...failure, encodedAttributes: decoded },
      converter.payloadConverter,
    );
    assert.equal(error.message, 'provider refused +14155550123');
  });
});

describe('payload keys from the environment', () => {
  it('takes the first key as active unless TEMPORAL_PAYLOAD_ACTIVE_KEY names another', () => {
    assert.equal(payloadKeysFromEnv({ TEMPORAL_PAYLOAD_KEYS: `a:${k1}, b:${k2}` }).activeKeyId, 'a');
    const keyring = payloadKeysFromEnv({
      TEMPORAL_PAYLOAD_KEYS: `a:${k1},b:${k2}`,
      TEMPORAL_PAYLOAD_ACTIVE_KEY: 'b',
    });
    assert.equal(keyring.activeKeyId, 'b');
    assert.deepEqual([...keyring.keys.keys()], ['a', 'b']);
    assert.equal(keyring.demo, false);
  });

  it('falls back to the demo key when none is configured, and says it is the demo key', () => {
    const keyring = payloadKeysFromEnv({});
    assert.equal(keyring.demo, true);
    assert.equal(keyring.activeKeyId, 'local-demo');
  });

  it('refuses bad settings, naming the variable and the key', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ TEMPORAL_PAYLOAD_KEYS: 'k1' }, /TEMPORAL_PAYLOAD_KEYS: each entry must be <key id>:<base64 key>/],
      [{ TEMPORAL_PAYLOAD_KEYS: `k1:${randomBytes(16).toString('base64')}` }, /key "k1" must be 32 bytes/],
      [
        { TEMPORAL_PAYLOAD_KEYS: 'k1:not base64 at all!!!!!!!!!!!!!!!!!!!!!!!!!' },
        /key "k1" must be 32 bytes/,
      ],
      [{ TEMPORAL_PAYLOAD_KEYS: `k 1:${k1}` }, /key ID "k 1"/],
      [{ TEMPORAL_PAYLOAD_KEYS: `k1:${k1},k1:${k2}` }, /"k1" appears twice/],
      [
        { TEMPORAL_PAYLOAD_KEYS: `k1:${k1}`, TEMPORAL_PAYLOAD_ACTIVE_KEY: 'k9' },
        /TEMPORAL_PAYLOAD_ACTIVE_KEY: "k9"/,
      ],
      [{ TEMPORAL_PAYLOAD_ACTIVE_KEY: 'k1' }, /TEMPORAL_PAYLOAD_KEYS is not/],
    ];
    for (const [env, message] of cases) assert.throws(() => payloadKeysFromEnv(env), message);
  });
});

import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { EventWebhook } from '@sendgrid/eventwebhook';
import {
  sendGridSignatureValid,
  sendGridVerificationKey,
} from '../../../src/notifications/feedback/sendgrid-signature';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const consoleKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const pemKey = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const timestamp = '1764500000';
const body = Buffer.from(
  JSON.stringify([{ event: 'delivered', sg_event_id: 'é-1', email: 'zoë@example.com' }]),
);
const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString(
  'base64',
);

/** SendGrid's own helper, the reference for what a valid delivery is. */
function officialVerdict(key: string, raw: Buffer, signed: string, at: string): boolean {
  const helper = new EventWebhook();
  return helper.verifySignature(helper.convertPublicKeyToECDSA(key), raw, signed, at);
}

describe('SendGrid event webhook signatures', () => {
  it('accepts what SendGrid’s own helper accepts, with the key as the console shows it or as PEM', () => {
    assert.equal(officialVerdict(consoleKey, body, signature, timestamp), true);
    assert.equal(
      sendGridSignatureValid(sendGridVerificationKey(consoleKey), body, signature, timestamp),
      true,
    );
    assert.equal(sendGridSignatureValid(sendGridVerificationKey(pemKey), body, signature, timestamp), true);
  });

  it('refuses what it refuses: another body, another timestamp, another key, a garbled signature', () => {
    const key = sendGridVerificationKey(consoleKey);
    const otherBody = Buffer.from(body.toString().replace('delivered', 'bounce'));
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    const cases: [string, Buffer, string, string][] = [
      [consoleKey, otherBody, signature, timestamp],
      [consoleKey, body, signature, '1764500001'],
      [otherKey, body, signature, timestamp],
    ];
    for (const [keyText, raw, signed, at] of cases) {
      assert.equal(officialVerdict(keyText, raw, signed, at), false);
      assert.equal(sendGridSignatureValid(sendGridVerificationKey(keyText), raw, signed, at), false);
    }
    assert.equal(sendGridSignatureValid(key, body, 'not-a-signature', timestamp), false);
  });

  it('names the setting when the key is not a public key', () => {
    assert.throws(() => sendGridVerificationKey('not a key'), /SENDGRID_WEBHOOK_PUBLIC_KEY/);
  });
});

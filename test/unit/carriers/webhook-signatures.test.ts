import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  signAfterShipBody,
  verifyAfterShipSignature,
} from '../../../src/carriers/webhooks/aftership-webhook';
import { signEasyPostBody, verifyEasyPostSignature } from '../../../src/carriers/webhooks/easypost-webhook';
import { signFedexBody, verifyFedexSignature } from '../../../src/carriers/webhooks/fedex-webhook';
import {
  issueUpsWebhookToken,
  verifyUpsClientCredentials,
  verifyUpsWebhookCredentials,
} from '../../../src/carriers/webhooks/ups-webhook';
import { createHmac } from 'node:crypto';

const body = Buffer.from('{"trackingNumber":"794644790132","trackResults":[]}');

describe('FedEx fdx-signature', () => {
  const token = 'fedex-security-token';
  it('is the base64 HMAC-SHA256 of the raw body', () => {
    const expected = createHmac('sha256', token).update(body).digest('base64');
    assert.equal(signFedexBody(body, token), expected);
    assert.equal(verifyFedexSignature(body, expected, token), true);
  });
  it('rejects forged, other-body and missing signatures', () => {
    assert.equal(verifyFedexSignature(body, signFedexBody(body, 'other-token'), token), false);
    assert.equal(
      verifyFedexSignature(Buffer.from(`${body.toString()} `), signFedexBody(body, token), token),
      false,
    );
    assert.equal(verifyFedexSignature(body, undefined, token), false);
    assert.equal(verifyFedexSignature(body, '', token), false);
  });
});

describe('EasyPost X-Hmac-Signature', () => {
  it('is hmac-sha256-hex= + hex HMAC keyed with the NFKD secret', () => {
    const secret = 'ﬁnal-secret'; // the ligature decomposes to "fi" under NFKD
    const expected = `hmac-sha256-hex=${createHmac('sha256', 'final-secret').update(body).digest('hex')}`;
    assert.equal(signEasyPostBody(body, secret), expected);
    assert.equal(verifyEasyPostSignature(body, expected, secret), true);
  });
  it('rejects forged, unprefixed and missing signatures', () => {
    const hex = createHmac('sha256', 'secret').update(body).digest('hex');
    assert.equal(verifyEasyPostSignature(body, hex, 'secret'), false);
    assert.equal(verifyEasyPostSignature(body, signEasyPostBody(body, 'wrong'), 'secret'), false);
    assert.equal(verifyEasyPostSignature(body, undefined, 'secret'), false);
  });
});

describe('AfterShip aftership-hmac-sha256', () => {
  it('is the base64 HMAC-SHA256 of the raw body', () => {
    const expected = createHmac('sha256', 'as-secret').update(body).digest('base64');
    assert.equal(signAfterShipBody(body, 'as-secret'), expected);
    assert.equal(verifyAfterShipSignature(body, expected, 'as-secret'), true);
  });
  it('rejects forged and missing signatures', () => {
    assert.equal(verifyAfterShipSignature(body, signAfterShipBody(body, 'nope'), 'as-secret'), false);
    assert.equal(verifyAfterShipSignature(body, undefined, 'as-secret'), false);
  });
});

describe('UPS Track Alert credentials', () => {
  const credentials = { clientId: 'ups-hook-client', clientSecret: 'ups-hook-secret', tokenTtlSeconds: 600 };
  const now = Date.parse('2024-08-05T12:00:00Z');

  it('accepts the Basic client credentials and nothing else at the token endpoint', () => {
    const basic = (s: string) => `Basic ${Buffer.from(s).toString('base64')}`;
    assert.equal(verifyUpsClientCredentials(basic('ups-hook-client:ups-hook-secret'), credentials), true);
    assert.equal(verifyUpsClientCredentials(basic('ups-hook-client:guess'), credentials), false);
    assert.equal(verifyUpsClientCredentials(undefined, credentials), false);
  });

  it('accepts a token it issued until it expires', () => {
    const { access_token, expires_in } = issueUpsWebhookToken(credentials, now);
    assert.equal(expires_in, 600);
    assert.equal(
      verifyUpsWebhookCredentials(`Bearer ${access_token}`, 'ups-hook-client', credentials, now + 1000),
      true,
    );
    assert.equal(
      verifyUpsWebhookCredentials(`Bearer ${access_token}`, 'ups-hook-client', credentials, now + 601_000),
      false,
    );
  });

  it('rejects forged tokens, a wrong x-api-key and a missing header', () => {
    const forged = issueUpsWebhookToken({ ...credentials, clientSecret: 'guessed' }, now).access_token;
    assert.equal(verifyUpsWebhookCredentials(`Bearer ${forged}`, 'ups-hook-client', credentials, now), false);
    const { access_token } = issueUpsWebhookToken(credentials, now);
    assert.equal(
      verifyUpsWebhookCredentials(`Bearer ${access_token}`, 'someone-else', credentials, now),
      false,
    );
    assert.equal(verifyUpsWebhookCredentials(undefined, undefined, credentials, now), false);
    const [payload] = access_token.split('.');
    assert.equal(verifyUpsWebhookCredentials(`Bearer ${payload}.AAAA`, undefined, credentials, now), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  customerLinkKeysFromEnv,
  customerLinkTtlMsFromEnv,
  parseCustomerLinkKeys,
  singleCustomerLinkKey,
} from '../../../src/security/customer-link-keys';
import { customerKeyOfOrder } from '../../../src/notifications/customer-key';
import {
  issueCustomerLink,
  issueOrderLink,
  verifyCustomerLink,
  verifyOrderLink,
} from '../../../src/security/customer-links';

const keys = singleCustomerLinkKey('a-secret-of-enough-length');
const now = new Date('2026-11-30T08:00:00Z');
const day = 24 * 60 * 60 * 1000;
const ada = { channel: 'web', accountId: 'acme', customerId: 'c-1' };

function flip(text: string, at: number): string {
  const swapped = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + swapped + text.slice(at + 1);
}

describe('order links', () => {
  it('verify for their own order until they expire', () => {
    const token = issueOrderLink('web:acme:1001', { keys, now, ttlMs: day });
    assert.equal(verifyOrderLink(token, 'web:acme:1001', { keys, now }), true);
    assert.equal(
      verifyOrderLink(token, 'web:acme:1001', { keys, now: new Date(now.getTime() + day - 1000) }),
      true,
    );
    assert.equal(
      verifyOrderLink(token, 'web:acme:1001', { keys, now: new Date(now.getTime() + day) }),
      false,
    );
  });

  it('do not open another order', () => {
    const token = issueOrderLink('web:acme:1001', { keys, now });
    assert.equal(verifyOrderLink(token, 'web:acme:1002', { keys, now }), false);
    assert.equal(verifyOrderLink(token, 'web:acme:100', { keys, now }), false);
  });

  it('are refused when any character is changed', () => {
    const token = issueOrderLink('web:acme:1001', { keys, now });
    for (let at = 0; at < token.length; at++) {
      if (token[at] === '.') continue;
      assert.equal(
        verifyOrderLink(flip(token, at), 'web:acme:1001', { keys, now }),
        false,
        `changed at ${at}`,
      );
    }
  });

  it('are refused when the claims are re-signed by nobody (expiry pushed out)', () => {
    const token = issueOrderLink('web:acme:1001', { keys, now, ttlMs: day });
    const [keyId, , mac] = token.split('.');
    const later = Buffer.from(`o:${(4_102_444_800).toString(36)}`).toString('base64url');
    assert.equal(verifyOrderLink(`${keyId}.${later}.${mac}`, 'web:acme:1001', { keys, now }), false);
  });

  it('refuse garbage without throwing', () => {
    for (const token of [
      undefined,
      '',
      'x',
      'a.b',
      'a.b.c',
      'k1..',
      42,
      ['k1.a.b'],
      'k1.' + 'A'.repeat(5000) + '.x',
    ])
      assert.equal(verifyOrderLink(token, 'web:acme:1001', { keys, now }), false);
  });

  it('are not customer links', () => {
    const token = issueOrderLink('c-1', { keys, now });
    assert.equal(verifyCustomerLink(token, 'c-1', { keys, now }), undefined);
  });

  it('take an explicit expiry', () => {
    const token = issueOrderLink('web:acme:1001', { keys, now, expiresAt: new Date(now.getTime() + 5000) });
    assert.equal(
      verifyOrderLink(token, 'web:acme:1001', { keys, now: new Date(now.getTime() + 4000) }),
      true,
    );
    assert.equal(
      verifyOrderLink(token, 'web:acme:1001', { keys, now: new Date(now.getTime() + 5000) }),
      false,
    );
  });
});

describe('customer links', () => {
  it('give the channel account they were issued for', () => {
    const token = issueCustomerLink(ada, { keys, now });
    assert.deepEqual(verifyCustomerLink(token, 'c-1', { keys, now }), ada);
    const odd = { channel: 'rest', accountId: 'a:b%c.d', customerId: 'c:1' };
    assert.deepEqual(verifyCustomerLink(issueCustomerLink(odd, { keys, now }), 'c:1', { keys, now }), odd);
  });

  it('are short enough for an SMS', () => {
    assert.ok(issueOrderLink('web:acme:1001', { keys, now }).length <= 40);
    assert.ok(issueCustomerLink(ada, { keys, now }).length <= 50);
  });

  it('do not open another customer, and are not order links', () => {
    const token = issueCustomerLink(ada, { keys, now });
    assert.equal(verifyCustomerLink(token, 'c-2', { keys, now }), undefined);
    assert.equal(verifyOrderLink(token, 'c-1', { keys, now }), false);
  });

  it('expire', () => {
    const token = issueCustomerLink(ada, { keys, now, ttlMs: day });
    assert.equal(
      verifyCustomerLink(token, 'c-1', { keys, now: new Date(now.getTime() + 2 * day) }),
      undefined,
    );
  });

  it('scope a customer from an order ID', () => {
    assert.deepEqual(customerKeyOfOrder('shopify:shop-1:99:x', 'c-9'), {
      channel: 'shopify',
      accountId: 'shop-1',
      customerId: 'c-9',
    });
    assert.equal(customerKeyOfOrder('no-colons', 'c-9'), undefined);
  });
});

describe('key rotation', () => {
  const old = parseCustomerLinkKeys('2025:old-secret-of-enough-length');
  const rotated = parseCustomerLinkKeys('2026:new-secret-of-enough-length,2025:old-secret-of-enough-length');
  const retired = parseCustomerLinkKeys('2026:new-secret-of-enough-length');

  it('signs with the first key and still verifies links signed with the older ones', () => {
    const before = issueOrderLink('web:acme:1001', { keys: old, now });
    const after = issueOrderLink('web:acme:1001', { keys: rotated, now });
    assert.match(after, /^2026\./);
    assert.equal(verifyOrderLink(before, 'web:acme:1001', { keys: rotated, now }), true);
    assert.equal(verifyOrderLink(after, 'web:acme:1001', { keys: rotated, now }), true);
  });

  it('refuses links of a removed key, and a key ID pointing at another key', () => {
    const before = issueOrderLink('web:acme:1001', { keys: old, now });
    assert.equal(verifyOrderLink(before, 'web:acme:1001', { keys: retired, now }), false);
    const relabelled = before.replace(/^2025\./, '2026.');
    assert.equal(verifyOrderLink(relabelled, 'web:acme:1001', { keys: rotated, now }), false);
  });

  it('reads keys from the environment and refuses bad ones', () => {
    const fromEnv = customerLinkKeysFromEnv({
      CUSTOMER_LINK_KEYS: 'b:second-secret-long-enough, a:first-secret-long-enough',
    });
    assert.equal(fromEnv.signing.id, 'b');
    assert.deepEqual([...fromEnv.verifying.keys()], ['b', 'a']);
    assert.equal(
      customerLinkKeysFromEnv({ CUSTOMER_LINK_SECRET: 'one-secret-long-enough' }).signing.id,
      'k1',
    );
    assert.throws(() => parseCustomerLinkKeys('a:short'), /at least 16/);
    assert.throws(() => parseCustomerLinkKeys('no-colon-secret-here'), /id:secret/);
    assert.throws(() => parseCustomerLinkKeys('a:secret-long-enough-1,a:secret-long-enough-2'), /twice/);
    assert.throws(() => parseCustomerLinkKeys('a.b:secret-long-enough-1'), /key ID/);
  });

  it('reads the link lifetime in days', () => {
    assert.equal(customerLinkTtlMsFromEnv({}), 90 * day);
    assert.equal(customerLinkTtlMsFromEnv({ CUSTOMER_LINK_TTL_DAYS: '7' }), 7 * day);
    assert.throws(() => customerLinkTtlMsFromEnv({ CUSTOMER_LINK_TTL_DAYS: '0' }), /positive/);
  });
});

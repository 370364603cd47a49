import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  customerSearchId,
  customerSearchKeyFromEnv,
  DEVELOPMENT_CUSTOMER_SEARCH_KEY,
} from '../../../src/security/customer-search-id';
import { customerSearchIdCommand } from '../../../src/security/tokens-command';

const KEY = 'customer-search-key-for-tests';

test('the CustomerId pseudonym: stable, keyed, per channel account, and holds nothing of the customer ID', () => {
  const phone = customerSearchId(KEY, 'shopify', 'acme', '+14155550123');
  assert.match(phone, /^cs_[A-Za-z0-9_-]{22}$/);
  assert.equal(customerSearchId(KEY, 'shopify', 'acme', '+14155550123'), phone);
  assert.ok(!phone.includes('4155550123'));
  assert.notEqual(customerSearchId('another-key-of-16-chars', 'shopify', 'acme', '+14155550123'), phone);
  assert.notEqual(customerSearchId(KEY, 'shopify', 'globex', '+14155550123'), phone);
  assert.notEqual(customerSearchId(KEY, 'web', 'acme', '+14155550123'), phone);
  // The separator keeps the parts apart: "a" + "b\nc" is not "a\nb" + "c".
  assert.notEqual(customerSearchId(KEY, 'web', 'a', 'b'), customerSearchId(KEY, 'web', 'a\nb', ''));
});

test('CUSTOMER_SEARCH_ID_KEY: 16 characters or more; unset, the development key', () => {
  assert.equal(customerSearchKeyFromEnv({}), DEVELOPMENT_CUSTOMER_SEARCH_KEY);
  assert.equal(customerSearchKeyFromEnv({ CUSTOMER_SEARCH_ID_KEY: KEY }), KEY);
  assert.throws(() => customerSearchKeyFromEnv({ CUSTOMER_SEARCH_ID_KEY: 'short' }), /16 characters/);
});

test('npm run tokens -- customer-search-id prints the value and the visibility query', () => {
  const outcome = customerSearchIdCommand(['shopify', 'acme', 'ada@example.com'], {
    CUSTOMER_SEARCH_ID_KEY: KEY,
  });
  const expected = customerSearchId(KEY, 'shopify', 'acme', 'ada@example.com');
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.output, `${expected}\nTemporal visibility query: CustomerId = '${expected}'`);
  assert.equal(customerSearchIdCommand(['shopify', 'acme']).exitCode, 2);
});

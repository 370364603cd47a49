import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cancelSchema, holdSchema } from '../../../src/api/request-schemas';
import { orderSubmissionSchema } from '../../../src/domain/order';
import { fieldProblemsFrom } from '../../../src/validation/field-problems';
import { safeText, unsafeTextProblems } from '../../../src/validation/safe-text';
import { sampleOrder } from '../../support/orders';

const fieldsOf = (result: { success: boolean; error?: Parameters<typeof fieldProblemsFrom>[0] }) =>
  result.error ? fieldProblemsFrom(result.error).map((problem) => problem.field) : [];

test('safe text refuses NUL, unpaired surrogates and text over its limit, and keeps paired ones', () => {
  const text = safeText(10);
  assert.equal(text.safeParse('a\u0000b').success, false);
  assert.equal(text.safeParse('a\ud800').success, false);
  assert.equal(text.safeParse('\udc00a').success, false);
  assert.equal(text.safeParse('x'.repeat(11)).success, false);
  assert.equal(text.safeParse('  ').success, false);
  assert.equal(text.parse(' 😀 Grüße '), '😀 Grüße');
});

test('a NUL in a hold reason or note is refused, naming the field', () => {
  assert.deepEqual(fieldsOf(holdSchema.safeParse({ eventId: 'h-1', reason: 'check\u0000' })), ['reason']);
  assert.deepEqual(fieldsOf(holdSchema.safeParse({ eventId: 'h-1', reasonCode: 'other', note: '\ud83d' })), [
    'note',
  ]);
  assert.deepEqual(fieldsOf(cancelSchema.safeParse({ eventId: 'c\u0000' })), ['eventId']);
  assert.deepEqual(fieldsOf(cancelSchema.safeParse({ note: 'x'.repeat(501) })), ['note']);
});

test('hold and cancel take a reason code; a free-text reason alone is code other with the text as the note', () => {
  assert.deepEqual(holdSchema.parse({ eventId: 'h-1', reason: 'address check' }), {
    eventId: 'h-1',
    reasonCode: 'other',
    note: 'address check',
  });
  assert.deepEqual(holdSchema.parse({ eventId: 'h-1', reasonCode: 'fraud_suspected' }), {
    eventId: 'h-1',
    reasonCode: 'fraud_suspected',
  });
  assert.deepEqual(fieldsOf(holdSchema.safeParse({ eventId: 'h-1' })), ['reasonCode']);
  assert.deepEqual(fieldsOf(holdSchema.safeParse({ eventId: 'h-1', reasonCode: 'because' })), ['reasonCode']);
  assert.deepEqual(cancelSchema.parse({}), { eventId: 'cancel', source: 'ops', reasonCode: 'other' });
});

test('a lone surrogate anywhere in an order is refused, naming the field', () => {
  const order = sampleOrder();
  const hostile = {
    ...order,
    customer: { ...order.customer, name: 'Ada \ud800' },
    shippingAddress: { ...order.shippingAddress, line2: 'c/o \u0000' },
  };
  assert.deepEqual(fieldsOf(orderSubmissionSchema.safeParse(hostile)).sort(), [
    'customer.name',
    'shippingAddress.line2',
  ]);
});

test('the body guard names every place in a parsed body that holds NUL or an unpaired surrogate', () => {
  assert.deepEqual(unsafeTextProblems({ a: ['ok', 'x\u0000'], b: { c: '\udfff' }, d: 1, e: null }), [
    { field: 'a.1', message: 'must not contain NUL characters' },
    { field: 'b.c', message: 'must not contain unpaired UTF-16 surrogates' },
  ]);
  assert.deepEqual(unsafeTextProblems({ 'k\u0000': 1 }), [
    { field: '(body)', message: 'member names must not contain NUL characters' },
  ]);
  assert.deepEqual(unsafeTextProblems({ fine: 'ok 😀' }), []);
});

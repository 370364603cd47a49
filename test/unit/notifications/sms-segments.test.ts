import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { countSmsSegments, fitSmsSegments } from '../../../src/notifications/templates/sms-segments';

test('GSM-7 text fits 160 septets in one segment and 153 per segment beyond', () => {
  assert.deepEqual(countSmsSegments('a'.repeat(160)), { encoding: 'GSM-7', units: 160, segments: 1 });
  assert.deepEqual(countSmsSegments('a'.repeat(161)), { encoding: 'GSM-7', units: 161, segments: 2 });
  assert.deepEqual(countSmsSegments('a'.repeat(306)), { encoding: 'GSM-7', units: 306, segments: 2 });
  assert.equal(countSmsSegments('a'.repeat(307)).segments, 3);
});

test('German umlauts and ß stay in GSM-7; extension characters count twice', () => {
  assert.equal(countSmsSegments('Grüße aus Köln, Straße').encoding, 'GSM-7');
  assert.equal(countSmsSegments('€').units, 2);
  assert.equal(countSmsSegments('{'.repeat(80)).segments, 1);
  assert.equal(countSmsSegments('{'.repeat(81)).segments, 2);
});

test('a character outside GSM-7 switches the whole message to UCS-2 (70, then 67 per segment)', () => {
  assert.deepEqual(countSmsSegments(`„${'a'.repeat(69)}`), { encoding: 'UCS-2', units: 70, segments: 1 });
  assert.deepEqual(countSmsSegments(`„${'a'.repeat(70)}`), { encoding: 'UCS-2', units: 71, segments: 2 });
  assert.equal(countSmsSegments(`„${'a'.repeat(133)}`).segments, 2);
  assert.equal(countSmsSegments(`„${'a'.repeat(134)}`).segments, 3);
  // An emoji is two UTF-16 code units.
  assert.equal(countSmsSegments('📦').units, 2);
});

test('fitSmsSegments never returns more than the allowed segments and keeps short text unchanged', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 600 }), fc.integer({ min: 1, max: 3 }), (text, max) => {
      const fitted = fitSmsSegments(text, max);
      assert.ok(countSmsSegments(fitted).segments <= max);
      if (countSmsSegments(text).segments <= max) assert.equal(fitted, text);
    }),
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { generateTrackingNumber, isValidTrackingNumber } from '../../../src/domain/tracking-numbers';

const specDir = path.resolve(__dirname, '..', '..', '..', 'specs', 'tracking-numbers');
type Spec = { tracking_numbers: { id: string; test_numbers?: { valid: string[]; invalid: string[] } }[] };
const samples = (file: string, id: string) => {
  const spec = JSON.parse(readFileSync(path.join(specDir, file), 'utf8')) as Spec;
  const entry = spec.tracking_numbers.find((item) => item.id === id);
  assert.ok(entry?.test_numbers, `${file} has samples for ${id}`);
  return entry.test_numbers;
};

test('UPS 1Z check digits agree with the published samples', () => {
  const { valid, invalid } = samples('ups.json', 'ups');
  for (const number of valid) assert.ok(isValidTrackingNumber('ups', number), number);
  for (const number of invalid) assert.ok(!isValidTrackingNumber('ups', number), number);
});

test('FedEx 12-digit check digits agree with the published samples', () => {
  const { valid, invalid } = samples('fedex.json', 'fedex_12');
  for (const number of valid) assert.ok(isValidTrackingNumber('fedex', number), number);
  for (const number of invalid) assert.ok(!isValidTrackingNumber('fedex', number), number);
});

test('generated numbers are valid and distinct sequences give distinct numbers', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('ups' as const, 'fedex' as const),
      fc.constantFrom('economy', 'standard', 'express', 'overnight'),
      fc.uniqueArray(fc.integer({ min: 0, max: 9_999_999 }), { minLength: 2, maxLength: 20 }),
      (carrier, service, sequences) => {
        const numbers = sequences.map((packageSequence) =>
          generateTrackingNumber({ carrier, service, packageSequence, upsShipperId: '8V92A7' }),
        );
        for (const number of numbers) assert.ok(isValidTrackingNumber(carrier, number), number);
        assert.equal(new Set(numbers).size, numbers.length);
      },
    ),
  );
});

test('a single changed digit is caught by the check digit', () => {
  const number = generateTrackingNumber({ carrier: 'fedex', service: 'standard', packageSequence: 1234567 });
  const tampered = `${number.slice(0, 5)}${(Number(number[5]) + 1) % 10}${number.slice(6)}`;
  assert.ok(!isValidTrackingNumber('fedex', tampered));
});

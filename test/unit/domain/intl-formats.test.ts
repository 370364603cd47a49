import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeFormat, numberFormat, pluralRules } from '../../../src/domain/intl-formats';
import { formatMoney } from '../../../src/domain/money';

describe('Intl formatters', () => {
  it('are built once per locale and options, and format as a fresh one does', () => {
    const options = { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'Europe/Berlin' } as const;
    const first = dateTimeFormat('de', options);
    assert.equal(dateTimeFormat('de', { ...options }), first);
    assert.notEqual(dateTimeFormat('de', { ...options, timeZone: 'UTC' }), first);
    const instant = new Date('2026-12-01T10:00:00Z');
    assert.equal(first.format(instant), new Intl.DateTimeFormat('de', options).format(instant));
    assert.equal(numberFormat('en', { style: 'currency', currency: 'EUR' }).format(5), '€5.00');
    assert.equal(pluralRules('en'), pluralRules('en'));
  });

  it('throw as the constructors do, so callers still fall back', () => {
    assert.throws(() => dateTimeFormat('en', { timeZone: 'Mars/Olympus_Mons' }), RangeError);
    assert.throws(() => numberFormat('en', { style: 'currency', currency: 'E1' }), RangeError);
    assert.equal(formatMoney(59894, 'USD', 'xx-not-a-locale-at-all'), '$598.94');
    assert.equal(formatMoney(100, 'E1'), undefined);
  });
});

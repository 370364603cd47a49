import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWithinQuietHours, quietHoursEnd } from '../../../src/notifications/preferences/quiet-hours';

const berlinNight = { start: '21:00', end: '08:00', timeZone: 'Europe/Berlin' };

test('an instant inside the overnight window waits until the local end of quiet hours', () => {
  // 23:30 in Berlin (CET, UTC+1) is 22:30Z; quiet ends 08:00 local = 07:00Z next day.
  const late = new Date('2025-01-15T22:30:00Z');
  assert.equal(isWithinQuietHours(late, berlinNight), true);
  assert.equal(quietHoursEnd(late, berlinNight).toISOString(), '2025-01-16T07:00:00.000Z');
  // 06:59 local is still quiet.
  assert.equal(
    quietHoursEnd(new Date('2025-01-16T05:59:00Z'), berlinNight).toISOString(),
    '2025-01-16T07:00:00.000Z',
  );
});

test('an instant outside quiet hours is returned unchanged', () => {
  const noon = new Date('2025-01-15T11:00:00Z');
  assert.equal(isWithinQuietHours(noon, berlinNight), false);
  assert.equal(quietHoursEnd(noon, berlinNight), noon);
  // 08:00 local exactly is allowed; 21:00 local is quiet.
  assert.equal(isWithinQuietHours(new Date('2025-01-16T07:00:00Z'), berlinNight), false);
  assert.equal(isWithinQuietHours(new Date('2025-01-15T20:00:00Z'), berlinNight), true);
});

test('the same UTC instant is night in one zone and day in another', () => {
  const instant = new Date('2025-06-01T03:00:00Z');
  assert.equal(isWithinQuietHours(instant, { ...berlinNight, timeZone: 'Europe/Berlin' }), true);
  assert.equal(isWithinQuietHours(instant, { ...berlinNight, timeZone: 'Asia/Tokyo' }), false);
});

test('the end is found across a daylight-saving change (Berlin springs forward on 2025-03-30)', () => {
  const night = new Date('2025-03-29T23:00:00Z'); // 00:00 CET
  // 08:00 CEST on the 30th is 06:00Z.
  assert.equal(quietHoursEnd(night, berlinNight).toISOString(), '2025-03-30T06:00:00.000Z');
});

test('a same-day window (13:00-14:00) and an empty window', () => {
  const lunch = { start: '13:00', end: '14:00', timeZone: 'UTC' };
  assert.equal(
    quietHoursEnd(new Date('2025-01-15T13:20:00Z'), lunch).toISOString(),
    '2025-01-15T14:00:00.000Z',
  );
  assert.equal(
    isWithinQuietHours(new Date('2025-01-15T12:00:00Z'), { ...lunch, start: '12:00', end: '12:00' }),
    false,
  );
});

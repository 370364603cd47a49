import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKnownTimeZone, knownTimeZoneOrUtc } from '../../../src/domain/time-zones';

describe('time zones', () => {
  it('knows IANA zones, also the second time (remembered)', () => {
    assert.equal(isKnownTimeZone('America/New_York'), true);
    assert.equal(isKnownTimeZone('America/New_York'), true);
    assert.equal(knownTimeZoneOrUtc('Europe/Berlin'), 'Europe/Berlin');
  });

  it('refuses what is not a zone, empty text included, and falls back to UTC for it', () => {
    for (const zone of ['', 'Mars/Olympus_Mons', 'not a zone', 'Europe/Berlin\u0000'])
      assert.equal(isKnownTimeZone(zone), false, JSON.stringify(zone));
    assert.equal(knownTimeZoneOrUtc('Mars/Olympus_Mons'), 'UTC');
  });
});

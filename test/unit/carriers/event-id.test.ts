import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { trackingEventId } from '../../../src/carriers/event-id';

const base = {
  carrier: 'fedex' as const,
  trackingNumber: '794644790132',
  code: 'DL',
  occurredAt: '2024-08-05T14:02:00Z',
};

describe('trackingEventId', () => {
  it('uses the provider ID when there is one', () => {
    assert.equal(trackingEventId({ ...base, providerEventId: 'evt_123' }), 'fedex:evt_123');
  });

  it('hashes carrier, number, code and instant otherwise', () => {
    const id = trackingEventId(base);
    assert.match(id, /^fedex:[0-9a-f]{64}$/);
    assert.equal(trackingEventId({ ...base }), id);
  });

  it('gives the same ID for the same instant written in another offset', () => {
    assert.equal(
      trackingEventId({ ...base, occurredAt: '2024-08-05T09:02:00-05:00' }),
      trackingEventId(base),
    );
    assert.equal(trackingEventId({ ...base, occurredAt: '2024-08-05T14:02:00.000Z' }), trackingEventId(base));
  });

  it('differs when any identifying part differs', () => {
    const id = trackingEventId(base);
    assert.notEqual(trackingEventId({ ...base, carrier: 'ups' }), id);
    assert.notEqual(trackingEventId({ ...base, trackingNumber: '794644790133' }), id);
    assert.notEqual(trackingEventId({ ...base, code: 'OD' }), id);
    assert.notEqual(trackingEventId({ ...base, occurredAt: '2024-08-05T14:02:01Z' }), id);
  });

  it('is a pure function of its inputs', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.date({ noInvalidDate: true }), (number, code, when) => {
        const input = {
          carrier: 'ups' as const,
          trackingNumber: number,
          code,
          occurredAt: when.toISOString(),
        };
        assert.equal(trackingEventId(input), trackingEventId({ ...input }));
      }),
    );
  });
});

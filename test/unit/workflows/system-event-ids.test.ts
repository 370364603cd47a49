import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemEnvelope } from '../../../src/workflows/order/envelopes';

describe('system event IDs', () => {
  const assigned = { type: 'tracking_number_assigned', trackingNumber: '1Z8V92A70300000001' } as const;

  it('do not depend on the events applied before them', () => {
    // A workflow task retried after its read-model write may apply carrier signals first.
    const first = systemEnvelope(assigned, ['pick-1', 'inventory_reserved#1']);
    const retried = systemEnvelope(assigned, ['pick-1', 'inventory_reserved#1', 'ups:scan-1', 'ups:scan-2']);
    assert.equal(first.eventId, 'tracking_number_assigned#1');
    assert.equal(retried.eventId, first.eventId);
  });

  it('number each occurrence of a type, counting IDs of the older type@version form', () => {
    const reserved = { type: 'inventory_reserved' } as const;
    assert.equal(systemEnvelope(reserved, []).eventId, 'inventory_reserved#1');
    assert.equal(
      systemEnvelope(reserved, ['inventory_reserved@2', 'backordered@3']).eventId,
      'inventory_reserved#2',
    );
    assert.equal(
      systemEnvelope(reserved, ['inventory_reserved@2', 'inventory_reserved#2', 'x']).eventId,
      'inventory_reserved#3',
    );
    assert.equal(systemEnvelope(reserved, []).source, 'system');
  });
});

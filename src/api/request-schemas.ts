import { z } from 'zod';
import { CARRIERS } from '../domain/tracking-status';

const eventId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const occurredAt = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional();

export const fulfillmentEventSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('picked'), eventId, occurredAt }),
    z.object({ type: z.literal('packed'), eventId, occurredAt }),
    z.object({
      type: z.literal('shipped'),
      eventId,
      occurredAt,
      carrier: z.enum(CARRIERS, { message: `must be one of ${CARRIERS.join(', ')}` }),
      service: z.string().trim().min(1, 'must not be empty').max(50).default('standard'),
    }),
  ],
  { message: 'type must be one of picked, packed, shipped' },
);

export const holdSchema = z.object({
  eventId,
  reason: z.string().trim().min(1, 'must not be empty').max(500),
});
export const releaseSchema = z.object({ eventId });
export const cancelSchema = z.object({
  // One cancellation per order: repeated requests without an ID are the same cancellation.
  eventId: eventId.default('cancel'),
  reason: z.string().trim().min(1, 'must not be empty').max(500).default('cancelled on request'),
  source: z.enum(['ops', 'customer', 'channel']).default('ops'),
});

export const restockSchema = z.object({
  eventId,
  quantity: z.number().int('must be a whole number').positive('must be at least 1').max(1_000_000),
});

export const stockLevelSchema = z.object({
  onHand: z.number().int('must be a whole number').nonnegative('must not be negative').max(10_000_000),
});

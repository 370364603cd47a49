import { z } from 'zod';
import { ORDER_REASON_CODES, type OrderReasonCode } from '../domain/order-reasons';
import { CARRIERS } from '../domain/tracking-status';
import { safeText } from '../validation/safe-text';

const eventId = safeText(200);
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
      service: safeText(50).default('standard'),
    }),
  ],
  { message: 'type must be one of picked, packed, shipped' },
);

const reasonCode = z
  .enum(ORDER_REASON_CODES, { message: `must be one of ${ORDER_REASON_CODES.join(', ')}` })
  .meta({ description: 'Why: customers see a sentence for this code, never the note.' });
const note = safeText(500).meta({
  description: 'For ops only (timeline, read model); never sent to customers.',
});
const legacyReason = safeText(500).meta({
  description:
    'Deprecated: free text from before reason codes, taken as `reasonCode` other with this as the note.',
});

const reasonFields = {
  reasonCode: reasonCode.optional(),
  note: note.optional(),
  reason: legacyReason.optional(),
};

/**
 * The reason code and the internal note. A caller from before reason codes sends only `reason`: it
 * is taken as the code `other`, its text kept as the note.
 */
function asReasonCode<Given extends { reasonCode?: OrderReasonCode; note?: string; reason?: string }>(
  given: Given,
) {
  const { reasonCode: code, note: written, reason, ...rest } = given;
  const internal = [written, reason].filter(Boolean).join(' / ');
  return { ...rest, reasonCode: code ?? 'other', ...(internal ? { note: internal } : {}) };
}

export const holdSchema = z
  .object({ eventId, ...reasonFields })
  .refine((request) => request.reasonCode !== undefined || request.reason !== undefined, {
    path: ['reasonCode'],
    message: 'is required',
  })
  .transform(asReasonCode);
export const releaseSchema = z.object({ eventId });
export const cancelSchema = z
  .object({
    // One cancellation per order: repeated requests without an ID are the same cancellation.
    eventId: eventId.default('cancel'),
    source: z.enum(['ops', 'customer', 'channel']).default('ops'),
    ...reasonFields,
  })
  .transform(asReasonCode);

export const restockSchema = z.object({
  eventId,
  quantity: z.number().int('must be a whole number').positive('must be at least 1').max(1_000_000),
});

export const stockLevelSchema = z.object({
  onHand: z.number().int('must be a whole number').nonnegative('must not be negative').max(10_000_000),
});

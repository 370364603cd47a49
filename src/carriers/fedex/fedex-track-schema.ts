import { z } from 'zod';

/** The parts of FedEx's TrackResult we read (the Track API response and the push webhook share them). */
const address = z
  .object({
    city: z.string().optional(),
    stateOrProvinceCode: z.string().optional(),
    countryCode: z.string().optional(),
  })
  .optional();

export const fedexScanEventSchema = z.object({
  date: z.string().optional(),
  eventType: z.string().optional(),
  eventDescription: z.string().optional(),
  derivedStatusCode: z.string().optional(),
  derivedStatus: z.string().optional(),
  exceptionCode: z.string().optional(),
  exceptionDescription: z.string().optional(),
  scanLocation: address,
});

const timeWindow = z
  .object({ window: z.object({ begins: z.string().optional(), ends: z.string().optional() }).optional() })
  .optional();

export const fedexTrackResultSchema = z.object({
  trackingNumberInfo: z.object({ trackingNumber: z.string().optional() }).optional(),
  latestStatusDetail: z
    .object({
      code: z.string().optional(),
      derivedCode: z.string().optional(),
      description: z.string().optional(),
      statusByLocale: z.string().optional(),
    })
    .optional(),
  scanEvents: z.array(fedexScanEventSchema).optional(),
  dateAndTimes: z
    .array(z.object({ type: z.string().optional(), dateTime: z.string().optional() }))
    .optional(),
  estimatedDeliveryTimeWindow: timeWindow,
  standardTransitTimeWindow: timeWindow,
  error: z.object({ code: z.string().optional(), message: z.string().optional() }).optional(),
});

export const fedexCompleteTrackResultSchema = z.object({
  trackingNumber: z.string().optional(),
  trackResults: z.array(fedexTrackResultSchema).optional(),
});

export const fedexTrackResponseSchema = z.object({
  transactionId: z.string().optional(),
  output: z.object({ completeTrackResults: z.array(fedexCompleteTrackResultSchema) }),
});

export type FedexTrackResult = z.infer<typeof fedexTrackResultSchema>;
export type FedexCompleteTrackResult = z.infer<typeof fedexCompleteTrackResultSchema>;

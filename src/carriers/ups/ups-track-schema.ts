import { z } from 'zod';

/** The parts of the UPS Track API response we read. */
export const upsStatusSchema = z.object({
  type: z.string().optional(),
  code: z.string().optional(),
  statusCode: z.string().optional(),
  description: z.string().optional(),
});

const upsActivitySchema = z.object({
  date: z.string().optional(),
  time: z.string().optional(),
  gmtDate: z.string().optional(),
  gmtTime: z.string().optional(),
  gmtOffset: z.string().optional(),
  location: z
    .object({
      address: z
        .object({
          city: z.string().optional(),
          stateProvince: z.string().optional(),
          countryCode: z.string().optional(),
          country: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  status: upsStatusSchema.optional(),
});

const upsPackageSchema = z.object({
  trackingNumber: z.string().optional(),
  activity: z.array(upsActivitySchema).optional(),
  currentStatus: upsStatusSchema.optional(),
  deliveryDate: z.array(z.object({ type: z.string().optional(), date: z.string().optional() })).optional(),
});

export const upsTrackResponseSchema = z.object({
  trackResponse: z.object({
    shipment: z.array(
      z.object({
        inquiryNumber: z.string().optional(),
        package: z.array(upsPackageSchema).optional(),
        warnings: z
          .array(z.object({ code: z.string().optional(), message: z.string().optional() }))
          .optional(),
      }),
    ),
  }),
});

export type UpsTrackResponse = z.infer<typeof upsTrackResponseSchema>;
export type UpsPackage = z.infer<typeof upsPackageSchema>;

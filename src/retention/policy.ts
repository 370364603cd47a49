import { z } from 'zod';

const days = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** How long rejected and logged input is kept before the scheduled purge deletes it, in days. */
export const retentionPolicySchema = z.object({
  /** Intake dead letters (with their audit trail), counted from when the delivery was last seen. */
  deadLetterDays: days(30),
  /** Carrier events for tracking numbers no order owns, from their last push. */
  unknownTrackingDays: days(30),
  /** Channel delivery IDs kept to refuse redeliveries (channels stop retrying within days). */
  deliveryLogDays: days(30),
  /** Provider feedback event IDs kept to ignore repeats (SendGrid and Twilio retry for up to 3 days). */
  providerEventDays: days(30),
  /** Refused read-model writes listed at /ops/projection-failures. */
  projectionFailureDays: days(30),
  /** Preferences the per-account migration could not place (notification_preferences_unmapped), for ops review. */
  unmappedPreferencesDays: days(90),
});

export type RetentionPolicy = z.output<typeof retentionPolicySchema>;

/** RETENTION_DEAD_LETTER_DAYS, RETENTION_UNKNOWN_TRACKING_DAYS, RETENTION_DELIVERY_LOG_DAYS, …; unset: 30 (unmapped preferences: 90). */
export function loadRetentionPolicy(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  return retentionPolicySchema.parse({
    deadLetterDays: env.RETENTION_DEAD_LETTER_DAYS || undefined,
    unknownTrackingDays: env.RETENTION_UNKNOWN_TRACKING_DAYS || undefined,
    deliveryLogDays: env.RETENTION_DELIVERY_LOG_DAYS || undefined,
    providerEventDays: env.RETENTION_PROVIDER_EVENT_DAYS || undefined,
    projectionFailureDays: env.RETENTION_PROJECTION_FAILURE_DAYS || undefined,
    unmappedPreferencesDays: env.RETENTION_UNMAPPED_PREFERENCES_DAYS || undefined,
  });
}

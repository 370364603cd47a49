import type { Milestone, OrderNotificationRequest } from './order-notices';

/** Milestones that say where the parcel is now: a later one in the same push makes an earlier one stale. */
const PARCEL_STATUS_MILESTONES: ReadonlySet<Milestone> = new Set([
  'out_for_delivery',
  'available_for_pickup',
  'delivery_attempted',
  'delivery_failed',
  'delivered',
  'returned_to_sender',
]);

/**
 * The notices of one carrier push: of the parcel-status milestones only the last one (the customer
 * hears where the parcel is now, once), every other notice as it is, in their order.
 */
export function noticesOfOnePush(notices: readonly OrderNotificationRequest[]): OrderNotificationRequest[] {
  const statusNotices = notices.filter((notice) => PARCEL_STATUS_MILESTONES.has(notice.milestone));
  const latest = statusNotices[statusNotices.length - 1];
  return notices.filter((notice) => !PARCEL_STATUS_MILESTONES.has(notice.milestone) || notice === latest);
}

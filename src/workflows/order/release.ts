import { patched } from '@temporalio/workflow';
import { STAGE_DEADLINES_PATCH } from './deadlines';
import { ORDER_EVENT_BOUNDS_PATCH } from './event-bounds';
import { DELIVERY_FORECAST_PATCH, FORECAST_WITH_EVENT_PATCH, PREDICTION_REUSE_PATCH } from './forecast';
import { NOTICES_BY_ACTIVITY_PATCH } from './notify';
import { KNOWN_ATTRIBUTES_PATCH, NOTICE_OUTBOX_PATCH } from './project';
import { PROJECTION_REFUSALS_PATCH } from './projection-refusals';
import { REPEATED_SHIPPED_WAITS_PATCH } from './ship';

/**
 * The patches each workflow release puts in force from an order's first task (index 0: release 1).
 * The order client starts new orders with ORDER_WORKFLOW_RELEASE; such an order has no older history
 * to stay compatible with, so it runs these changes without asking patched(), and records none of
 * their markers: each one costs two history events and a visibility write. Orders started without a
 * release ask patched(), as they always did.
 *
 * A later change still goes behind patched(); a new release lists it here and raises
 * ORDER_WORKFLOW_RELEASE to the number of releases.
 */
export const RELEASED_PATCHES: readonly (readonly string[])[] = [
  [
    STAGE_DEADLINES_PATCH,
    ORDER_EVENT_BOUNDS_PATCH,
    NOTICE_OUTBOX_PATCH,
    DELIVERY_FORECAST_PATCH,
    NOTICES_BY_ACTIVITY_PATCH,
    PROJECTION_REFUSALS_PATCH,
    KNOWN_ATTRIBUTES_PATCH,
    FORECAST_WITH_EVENT_PATCH,
    REPEATED_SHIPPED_WAITS_PATCH,
  ],
  [PREDICTION_REUSE_PATCH],
];

const releaseOfPatch = new Map(
  RELEASED_PATCHES.flatMap((patchIds, index) => patchIds.map((patchId) => [patchId, index + 1] as const)),
);

/** Whether the order runs with the change behind `patchId`; asks patched() only when it must. */
export type PatchCheck = (patchId: string) => boolean;

export function patchCheckFor(release: number | undefined): PatchCheck {
  return (patchId) => {
    const since = releaseOfPatch.get(patchId);
    return (since !== undefined && (release ?? 0) >= since) || patched(patchId);
  };
}

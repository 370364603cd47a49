import { readModelLag } from './metrics';

/** How long after the workflow applied them its timeline entries reached the read model. */
export function recordProjectionLag(entries: { recordedAt: string }[], now = Date.now()): void {
  for (const entry of entries) {
    const appliedAt = Date.parse(entry.recordedAt);
    if (Number.isFinite(appliedAt)) readModelLag.observe(Math.max(0, (now - appliedAt) / 1000));
  }
}

import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';

export interface FailureReason {
  reason: string;
  type?: string;
}

/** The provider's own words and our failure type, unwrapped from Temporal's activity failure. */
export function failureReason(error: unknown): FailureReason {
  const cause = error instanceof ActivityFailure ? error.cause : error;
  if (cause instanceof ApplicationFailure) return { reason: cause.message, type: cause.type ?? undefined };
  if (cause instanceof Error) return { reason: cause.message, type: cause.name };
  return { reason: String(cause) };
}

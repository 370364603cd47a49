import type { DeadLetterStage } from './dead-letters/store';
import type { FulfilledBy } from './not-for-fulfillment';
import type { FieldProblem } from './types';

/** What became of one delivery; the HTTP layer turns it into a status code. */
export type IntakeOutcome =
  | { kind: 'started'; orderId: string; created: boolean }
  | { kind: 'duplicate'; orderId: string | null }
  | { kind: 'stale'; orderId: string }
  | { kind: 'cancelled'; orderId: string; forwarded: boolean }
  | { kind: 'deferred' | 'ignored'; orderId: string | null; reason: string }
  | { kind: 'not_for_fulfillment'; orderId: string; fulfilledBy: FulfilledBy; reason: string }
  | {
      kind: 'rejected';
      stage: DeadLetterStage;
      status: 400 | 401 | 422;
      error: string;
      problems: FieldProblem[];
      /** The dead letter it was kept as; none when it was not kept (unknown account, quota reached). */
      deadLetterId?: number;
    }
  | { kind: 'retry'; status: 429 | 503; retryAfterSeconds: number; reason: string };

/** A payload that cannot become an order: it goes to the dead letters. */
export class Rejection extends Error {
  constructor(
    readonly stage: DeadLetterStage,
    readonly problems: FieldProblem[],
  ) {
    super(`${stage} failed: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'Rejection';
  }
}

export const STAGE_STATUS: Record<DeadLetterStage, { status: 400 | 401 | 422; error: string }> = {
  verification: { status: 401, error: 'the delivery could not be verified' },
  parsing: { status: 400, error: 'the payload is not a readable order of this channel' },
  fetch: { status: 422, error: "the order could not be fetched from the channel's API" },
  validation: { status: 422, error: 'the order is not valid' },
};

/**
 * A delivery for an account this service does not have (not configured, no API key): refused like a
 * forged delivery, and nothing about it is stored.
 */
export class UnknownAccount extends Rejection {
  constructor(problems: FieldProblem[]) {
    super('verification', problems);
    this.name = 'UnknownAccount';
  }
}

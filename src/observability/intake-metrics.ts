import type { IntakeOutcome } from '../intake/outcome';
import { intakeLastAcceptedTimestamp, intakeOutcomesTotal } from './metrics';

/** The outcome label of one admitted delivery. */
export function intakeOutcomeLabel(outcome: IntakeOutcome): string {
  switch (outcome.kind) {
    case 'started':
      return 'accepted';
    case 'duplicate':
      return 'duplicate';
    case 'rejected':
      return 'dead_lettered';
    case 'retry':
      return outcome.status === 429 ? 'rate_limited' : 'unavailable';
    default:
      return outcome.kind;
  }
}

/** Counts what became of a channel's delivery; an accepted order also marks the channel as alive. */
export function recordIntakeOutcome(channel: string, outcome: IntakeOutcome): void {
  intakeOutcomesTotal.inc({ channel, outcome: intakeOutcomeLabel(outcome) });
  if (outcome.kind === 'started') intakeLastAcceptedTimestamp.set({ channel }, Date.now() / 1000);
}

import type { TrackingStatus } from '../../domain/tracking-status';

/** A carrier code resolved into the normalized status, with the carrier's own words kept beside it. */
export interface MappedStatus {
  status: TrackingStatus;
  rawCode: string;
  rawDescription: string;
}

/** One row of a carrier code table: what the code means in our status set, and the carrier's wording. */
export interface CodeMeaning {
  status: TrackingStatus;
  description: string;
}

export type CodeTable = Readonly<Record<string, CodeMeaning>>;

/** Looks a code up without throwing: codes the table does not know (new carrier codes) become 'unknown'. */
export function lookupCode(table: CodeTable, code: string | undefined): CodeMeaning | undefined {
  if (code === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
}

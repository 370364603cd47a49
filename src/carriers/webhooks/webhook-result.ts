import type { CarrierTrackingEvent } from '../../domain/tracking-status';
import {
  describeFieldProblems,
  fieldProblemsFrom,
  type ValidationIssues,
} from '../../validation/field-problems';

/** What a webhook body turned into: events to hand over, or the problem that makes it a 400. */
export type WebhookParseResult =
  { ok: true; events: CarrierTrackingEvent[]; ignored?: string } | { ok: false; problem: string };

/** Parses the raw body as JSON, naming the problem when it is not. */
export function parseJsonBody(raw: Buffer): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (raw.length === 0) return { ok: false, problem: 'body is empty' };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, problem: `body is not valid JSON: ${(error as Error).message}` };
  }
}

/** "field.path: message" for the first few issues of a zod error. */
export function describeIssues(issues: ValidationIssues['issues']): string {
  return describeFieldProblems(fieldProblemsFrom({ issues: issues.slice(0, 3) }));
}

import fc from 'fast-check';
import type { ApiOperation } from '../../../src/api/openapi/operation';
import {
  buildRequest,
  hostileCaseFor,
  type Credentials,
  type HostileCase,
  type WireRequest,
} from './requests';
import { NOT_SENT, send, type Answer } from './send';

/** Every answer must come within this, whatever was sent. */
export const ANSWER_WITHIN_MS = 2_000;
const GIVE_UP_MS = 15_000;

/** Where a case sits in a run: its operation and its place among that operation's cases. */
export interface CaseId {
  operationIndex: number;
  index: number;
}

export interface Outcome {
  at: CaseId;
  request: WireRequest;
  answer: Answer;
  violation?: string;
}

export interface FuzzTarget {
  baseUrl: string;
  operations: readonly ApiOperation[];
  orderIds: readonly string[];
  credentials: Credentials;
}

export interface FuzzRun {
  seed: number;
  cases: number;
  statuses: Map<number, number>;
  slowest: Outcome[];
  violations: Outcome[];
}

const polluted = () =>
  ['polluted', 'isAdmin'].filter((key) => (Object.prototype as Record<string, unknown>)[key] !== undefined);

/** Why an answer breaks the invariants, or undefined: no 5xx but a documented 503, in time, no pollution. */
export function violationOf(operation: ApiOperation, answer: Answer): string | undefined {
  if (answer.status === 0) return answer.text;
  if (answer.status === -1) return `the connection failed: ${answer.text}`;
  if (answer.status >= 500 && !(answer.status === 503 && operation.responses[503]))
    return `answered ${answer.status}`;
  if (answer.ms > ANSWER_WITHIN_MS) return `answered after ${answer.ms} ms (limit ${ANSWER_WITHIN_MS} ms)`;
  const keys = polluted();
  if (keys.length > 0) return `Object.prototype now has ${keys.join(', ')}`;
  return undefined;
}

export async function sendCase(target: FuzzTarget, c: HostileCase, at: CaseId): Promise<Outcome> {
  const request = buildRequest(c, target.orderIds, target.credentials);
  const answer = await send(target.baseUrl, request, GIVE_UP_MS);
  const violation = violationOf(c.operation, answer);
  return { at, request, answer, ...(violation ? { violation } : {}) };
}

function keepSlowest(slowest: Outcome[], outcome: Outcome, keep = 10): void {
  slowest.push(outcome);
  slowest.sort((a, b) => b.answer.ms - a.answer.ms);
  slowest.length = Math.min(slowest.length, keep);
}

/** Each operation's share of the run's cases, at least one each. */
const perOperation = (cases: number, operations: number) => Math.max(1, Math.ceil(cases / operations));

/**
 * Sends hostile requests one after another, the same number to every operation of the catalogue
 * (each operation seeded with `seed + its index`), recording every answer; it never stops at a
 * violation, so a run reports them all. `shrink` then finds the smallest request that breaks one.
 */
export async function runFuzz(
  target: FuzzTarget,
  options: { cases: number; seed: number; onProgress?: (sofar: FuzzRun) => void },
): Promise<FuzzRun> {
  const run: FuzzRun = { seed: options.seed, cases: 0, statuses: new Map(), slowest: [], violations: [] };
  const runs = perOperation(options.cases, target.operations.length);
  for (const [operationIndex, operation] of target.operations.entries()) {
    let index = 0;
    const property = fc.asyncProperty(hostileCaseFor(operation), async (c) => {
      const outcome = await sendCase(target, c, { operationIndex, index: index++ });
      run.cases += 1;
      run.statuses.set(outcome.answer.status, (run.statuses.get(outcome.answer.status) ?? 0) + 1);
      if (outcome.answer.status !== NOT_SENT) keepSlowest(run.slowest, outcome);
      if (outcome.violation) run.violations.push(outcome);
      options.onProgress?.(run);
    });
    const details = await fc.check(property, {
      numRuns: runs,
      seed: options.seed + operationIndex,
      endOnFailure: true,
    });
    // The property records and never fails; an error is the fuzzer's own fault and stops the run.
    if (details.failed) throw new Error(`fuzzing ${operation.path} failed: ${String(details.errorInstance)}`);
  }
  return run;
}

export interface Shrunk {
  /** The smallest request fast-check found that still breaks an invariant, and how. */
  request?: WireRequest;
  violation?: string;
  /** Replays the case: `fc.check` with this seed and path on the operation's arbitrary. */
  at: CaseId;
  seed: number;
  path: string;
}

/** Replays one case of a seeded run and shrinks it while it still breaks an invariant. */
export async function shrink(target: FuzzTarget, seed: number, at: CaseId): Promise<Shrunk> {
  let smallest: Outcome | undefined;
  const operation = target.operations[at.operationIndex]!;
  const property = fc.asyncProperty(hostileCaseFor(operation), async (c) => {
    const outcome = await sendCase(target, c, at);
    if (outcome.violation) smallest = outcome;
    return outcome.violation === undefined;
  });
  const caseSeed = seed + at.operationIndex;
  const details = await fc.check(property, { seed: caseSeed, path: String(at.index) });
  return {
    at,
    seed: caseSeed,
    path: details.counterexamplePath ?? String(at.index),
    ...(smallest ? { request: smallest.request, violation: smallest.violation } : {}),
  };
}

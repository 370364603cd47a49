import type { FuzzRun, Outcome, Shrunk } from './run';
import { CLOSED_WHILE_SENDING, NOT_SENT } from './send';
import type { WireRequest } from './requests';

const BODY_SHOWN = 600;
const STATUS_LABELS: Record<number, string> = {
  [NOT_SENT]: 'not sent (invalid HTTP)',
  [CLOSED_WHILE_SENDING]: 'closed while the body was sent',
  [-1]: 'connection failed',
  0: 'no answer',
};

/** A request as JSON to paste into a test, with a long body cut (its length said). */
export function describeRequest(request: WireRequest): string {
  const body = request.body;
  const shown =
    body !== undefined && body.length > BODY_SHOWN
      ? `${body.slice(0, BODY_SHOWN)}… (${body.length} characters)`
      : body;
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      value.length > 200 ? `${value.slice(0, 200)}… (${value.length})` : value,
    ]),
  );
  const path =
    request.path.length > 300 ? `${request.path.slice(0, 300)}… (${request.path.length})` : request.path;
  return JSON.stringify({ method: request.method, path, headers, body: shown });
}

const line = (outcome: Outcome) =>
  `${String(outcome.answer.ms).padStart(6)} ms  ${outcome.answer.status}  ${outcome.request.operation}  ${outcome.request.method} ${outcome.request.path.slice(0, 120)}`;

/** Violations grouped by route and kind, the first of each kept. */
export function distinctViolations(run: FuzzRun): Outcome[] {
  const seen = new Map<string, Outcome>();
  for (const outcome of run.violations) {
    const kind = outcome.violation?.replace(/\d+ ms/g, 'N ms') ?? '';
    const key = `${outcome.request.operation} ${kind}`;
    if (!seen.has(key)) seen.set(key, outcome);
  }
  return [...seen.values()];
}

/** The run's figures: cases, status histogram, slowest answers, violations with their reproductions. */
export function formatRun(run: FuzzRun, shrunk: Shrunk[] = []): string {
  const statuses = [...run.statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${STATUS_LABELS[status] ?? status}: ${count}`);
  const out = [
    `seed ${run.seed}: ${run.cases} cases, ${run.violations.length} violations`,
    `statuses  ${statuses.join('  ')}`,
    'slowest answers:',
    ...run.slowest.map(line),
  ];
  for (const outcome of distinctViolations(run)) {
    const small = shrunk.find(
      (s) => s.at.operationIndex === outcome.at.operationIndex && s.at.index === outcome.at.index,
    );
    out.push(
      `VIOLATION ${outcome.request.operation} case ${outcome.at.index}: ${outcome.violation}`,
      `  answer: ${outcome.answer.text.slice(0, 300)}`,
      `  request: ${describeRequest(outcome.request)}`,
    );
    if (small?.request) {
      out.push(`  shrunk (${small.violation}): ${describeRequest(small.request)}`);
    } else if (small) out.push('  did not reproduce when replayed');
    if (small)
      out.push(`  replay: fc.check on this operation's cases with seed ${small.seed}, path ${small.path}`);
  }
  return out.join('\n');
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { problemDetails } from '../../../src/api/problem';
import { outcomeStatus } from '../../../src/intake/http/respond';
import { describeFieldProblems, fieldProblemsFrom } from '../../../src/validation/field-problems';

const order = z.object({
  customer: z.object({ email: z.email('must be a valid email address') }),
  lines: z.array(z.object({ quantity: z.number().int().positive('must be at least 1') })),
});

describe('fieldProblemsFrom', () => {
  it('names every bad field by its dotted path with the reason', () => {
    const parsed = order.safeParse({ customer: { email: 'nope' }, lines: [{ quantity: 0 }] });
    assert.equal(parsed.success, false);
    assert.deepEqual(fieldProblemsFrom(parsed.error!), [
      { field: 'customer.email', message: 'must be a valid email address' },
      { field: 'lines.0.quantity', message: 'must be at least 1' },
    ]);
  });

  it('prefixes fields and names the whole input when an issue has no path', () => {
    const parsed = z.string('must be text').safeParse(42);
    assert.deepEqual(fieldProblemsFrom(parsed.error!), [{ field: '(body)', message: 'must be text' }]);
    assert.deepEqual(fieldProblemsFrom(parsed.error!, { whole: '(order)' })[0]?.field, '(order)');
    const nested = order.safeParse({ customer: {}, lines: [] });
    assert.equal(fieldProblemsFrom(nested.error!, { prefix: 'body.' })[0]?.field, 'body.customer.email');
  });

  it('describes problems on one line', () => {
    const line = describeFieldProblems([
      { field: 'a', message: 'is wrong' },
      { field: 'b.c', message: 'is missing' },
    ]);
    assert.equal(line, 'a: is wrong; b.c: is missing');
  });
});

describe('problemDetails', () => {
  it('has the RFC 9457 members, the stable code and the field list', () => {
    const errors = [{ field: 'customer.email', message: 'must be a valid email address' }];
    assert.deepEqual(problemDetails(400, 'validation_failed', 'The order is not valid.', { errors }), {
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'The order is not valid.',
      code: 'validation_failed',
      errors,
    });
  });

  it('keeps extension members but never lets them replace the standard ones', () => {
    const problem = problemDetails(409, 'invalid_transition', 'Cannot pick.', {
      from: 'cancelled',
      status: 200,
      code: 'other',
      skipped: undefined,
    });
    assert.equal(problem.status, 409);
    assert.equal(problem.code, 'invalid_transition');
    assert.equal(problem.title, 'Conflict');
    assert.equal(problem.from, 'cancelled');
    assert.equal('skipped' in problem, false);
  });
});

describe('intake outcomes as problem details', () => {
  it('a delivery that failed verification names its stage and fields, never a dead letter', () => {
    const { status, body } = outcomeStatus({
      kind: 'rejected',
      stage: 'verification',
      status: 401,
      error: 'the delivery could not be verified',
      problems: [{ field: 'header:authorization', message: 'must be a live key' }],
      deadLetterId: 7,
    });
    assert.equal(status, 401);
    assert.equal(body.code, 'verification_failed');
    assert.equal(body.title, 'Unauthorized');
    assert.deepEqual(body.errors, [{ field: 'header:authorization', message: 'must be a live key' }]);
    assert.equal('deadLetterId' in body, false);
  });

  it('a verified delivery that is not a valid order names its dead letter', () => {
    const { status, body } = outcomeStatus({
      kind: 'rejected',
      stage: 'validation',
      status: 422,
      error: 'the order is not valid',
      problems: [{ field: 'lines', message: 'must not be empty' }],
      deadLetterId: 7,
    });
    assert.equal(status, 422);
    assert.equal(body.deadLetterId, 7);
  });

  it('a throttled delivery is a 429 problem that says when to come back', () => {
    const { status, body } = outcomeStatus({
      kind: 'retry',
      status: 429,
      retryAfterSeconds: 3,
      reason: 'the channel is over its rate',
    });
    assert.equal(status, 429);
    assert.equal(body.code, 'rate_limited');
    assert.equal(body.retryAfterSeconds, 3);
    assert.equal(body.detail, 'the channel is over its rate');
  });
});

import type { FieldProblem } from '../validation/field-problems';
import { HttpError } from './http-errors';

function namedOtherwise(body: Record<string, unknown>, field: string, expected: string): FieldProblem[] {
  const given = body[field];
  return given === undefined || given === expected
    ? []
    : [
        {
          field: `body.${field}`,
          message: `must be ${JSON.stringify(expected)}, the channel account of the API key`,
        },
      ];
}

/**
 * The submission as the channel key's account sends it: channel `web` and the key's account filled
 * in; a body naming another channel or account is refused (403, naming the field), so nobody can
 * start orders under another channel's or account's IDs. A body that is not a JSON object is left
 * as it came, for admission to refuse and keep.
 */
export function bindToChannelKey(rawBody: Buffer, accountId: string): Buffer {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return rawBody;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return rawBody;
  const fields = body as Record<string, unknown>;
  const problems = [
    ...namedOtherwise(fields, 'channel', 'web'),
    ...namedOtherwise(fields, 'accountId', accountId),
  ];
  if (problems.length > 0) {
    throw new HttpError(
      403,
      'channel_account_mismatch',
      'The API key submits orders for its own channel account only.',
      { errors: problems },
    );
  }
  try {
    return Buffer.from(JSON.stringify({ ...fields, channel: 'web', accountId }), 'utf8');
  } catch {
    // Nested too deep to write again: the admission refuses it as it came (400, a dead letter).
    return rawBody;
  }
}

import { doorOf } from '../../security/door-limits/doors';
import type { ApiOperation, ResponseDoc } from './operation';

const RATE_LIMITED: ResponseDoc = {
  description:
    'Too many requests from this client address, or for the account the request names (carrier, provider, ' +
    'order, customer, channel account); `Retry-After` says when to try again. See "Abuse limits" in the README.',
};
const AT_BOUND =
  'Or the order is at its timeline bound (`order_event_limit`): only an event that closes it is taken.';

/** What the door limits add to a public route's documented answers: 429, and the per-order bound's 409. */
export function doorLimitResponses(operation: ApiOperation): Record<number, ResponseDoc> {
  const knock = doorOf(operation.method.toUpperCase(), operation.path.replace(/:[A-Za-z]+/g, 'x'));
  if (!knock) return {};
  const tooMany = { 429: joined(operation.responses[429], RATE_LIMITED.description) };
  if (knock.door !== 'orderEvents') return tooMany;
  return { ...tooMany, 409: joined(operation.responses[409], AT_BOUND) };
}

/** The route's own description of a status, then what the limits add. */
function joined(own: ResponseDoc | undefined, added: string): ResponseDoc {
  return { ...own, description: own ? `${own.description} ${added}` : added };
}

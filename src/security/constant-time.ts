import { createHash, timingSafeEqual } from 'node:crypto';

function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Compares a secret (signature, token, key hash) with what a caller presented, in time that depends
 * on neither their contents nor their lengths: both sides are hashed to equal-length digests first.
 */
export function constantTimeEqual(expected: string | Buffer, given: string | Buffer): boolean {
  return timingSafeEqual(sha256(expected), sha256(given));
}

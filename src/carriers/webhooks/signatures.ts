import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256(key: string | Buffer, body: Buffer | string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

/**
 * Constant-time string comparison. Both sides are hashed first so the comparison also takes the same
 * time whatever their lengths.
 */
export function safeEqual(expected: string, received: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(received, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length === received.length;
}

/** The single value of a header that may arrive as a list. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  const trimmed = single?.trim();
  return trimmed ? trimmed : undefined;
}

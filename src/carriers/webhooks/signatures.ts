import { createHmac } from 'node:crypto';

export function hmacSha256(key: string | Buffer, body: Buffer | string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

/** The single value of a header that may arrive as a list. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  const single = Array.isArray(value) ? value[0] : value;
  const trimmed = single?.trim();
  return trimmed ? trimmed : undefined;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256Base64(secret: string, ...parts: Array<string | Buffer>): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('base64');
}

/** Constant-time comparison of a base64 signature header against the expected one. */
export function signatureMatches(expectedBase64: string, provided: string | undefined): boolean {
  if (!provided) return false;
  const expected = Buffer.from(expectedBase64, 'base64');
  const given = Buffer.from(provided.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

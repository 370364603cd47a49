import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../security/constant-time';

export function hmacSha256Base64(secret: string, ...parts: Array<string | Buffer>): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('base64');
}

/** Constant-time comparison of a base64 signature header against the expected one. */
export function signatureMatches(expectedBase64: string, provided: string | undefined): boolean {
  if (!provided) return false;
  return constantTimeEqual(Buffer.from(expectedBase64, 'base64'), Buffer.from(provided.trim(), 'base64'));
}

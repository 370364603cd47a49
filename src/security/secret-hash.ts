import { createHash, randomBytes } from 'node:crypto';

// Tokens are 256 random bits, so a salted SHA-256 is as strong as a slow KDF here and costs microseconds per request.
export function hashSecret(salt: Buffer, secret: string): Buffer {
  return createHash('sha256').update(salt).update(secret).digest();
}

/** A fresh identifier (16 hex digits), secret (43 base64url characters) and salt. */
export function freshSecret(): { id: string; secret: string; salt: Buffer } {
  return {
    id: randomBytes(8).toString('hex'),
    secret: randomBytes(32).toString('base64url'),
    salt: randomBytes(16),
  };
}

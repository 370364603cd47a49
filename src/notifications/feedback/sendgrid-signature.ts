import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/**
 * SendGrid's event webhook verification key, as the console shows it (base64 of the DER public key)
 * or as PEM. Checked with node:crypto: the same ECDSA P-256 / SHA-256 check as @sendgrid/eventwebhook,
 * whose pure-JavaScript arithmetic held the event loop for tens of milliseconds per delivery.
 */
export function sendGridVerificationKey(text: string): KeyObject {
  try {
    return text.includes('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  } catch (error) {
    throw new Error('SENDGRID_WEBHOOK_PUBLIC_KEY is not a public key (base64 DER or PEM)', { cause: error });
  }
}

/** Whether `signature` (base64 DER) signs the timestamp followed by the raw body. */
export function sendGridSignatureValid(
  key: KeyObject,
  rawBody: Buffer,
  signature: string,
  timestamp: string,
): boolean {
  try {
    return verify(
      'sha256',
      Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]),
      key,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

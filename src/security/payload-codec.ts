import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from './payload-keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A payload that cannot be decrypted: an unknown key ID, or altered on the way. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : '');

/**
 * Encrypts every payload (workflow and activity inputs and results, signals, updates, queries,
 * memos) with AES-256-GCM before it leaves the process, so the Temporal server stores ciphertext.
 * The whole payload, metadata included, is encrypted; the key ID stays readable (and is bound to the
 * ciphertext as authenticated data) so any listed key decrypts. Payloads that are not encrypted
 * (histories from before, old running workflows) pass through decode unchanged.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  encrypt(payload: Payload): Payload {
    const keyId = this.keyring.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyring.keys.get(keyId)!, iv);
    cipher.setAAD(Buffer.from(keyId, 'utf8'));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
        [KEY_ID_METADATA]: Buffer.from(keyId, 'utf8'),
      },
      data,
    };
  }

  decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    const key = this.keyring.keys.get(keyId);
    if (!key) throw new PayloadDecryptionError(`No payload key with ID "${keyId}" is configured`);
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError('Encrypted payload is truncated');
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(keyId, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw new PayloadDecryptionError(
        `Payload does not authenticate with key "${keyId}": altered or corrupt`,
      );
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}

/** The module of the failure converter that encrypts failure messages (bundles take it by path). */
export const ENCRYPTED_FAILURE_CONVERTER = require.resolve('./encrypted-failure-converter');

/** The data converter of every Client and Worker of the service: payloads and failure messages encrypted. */
export function encryptingDataConverter(keyring: PayloadKeyring): DataConverter {
  return {
    payloadCodecs: [new PayloadEncryptionCodec(keyring)],
    failureConverterPath: ENCRYPTED_FAILURE_CONVERTER,
  };
}

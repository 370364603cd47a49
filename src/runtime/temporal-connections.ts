import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import { clientInterceptors } from '../observability/temporal-tracing';
import { encryptingDataConverter } from '../security/payload-codec';
import { payloadKeysFromEnv, type PayloadKeyring } from '../security/payload-keys';

/**
 * Where and how to reach Temporal: a self-hosted cluster (plaintext, TLS or mTLS) or Temporal Cloud
 * (mTLS or an API key). Every Client and NativeConnection of the service is made from one of these.
 */
export interface TemporalSettings {
  address: string;
  namespace: string;
  /** Unset: plaintext, unless an API key is given (then TLS with the system's CAs). */
  tls?: TLSConfig;
  apiKey?: string;
  /** What payloads are encrypted with before they reach the server (the demo key when unset). */
  payloadKeys: PayloadKeyring;
}

export interface TemporalConnections {
  client: Client;
  /** For workers. */
  nativeConnection: NativeConnection;
  namespace: string;
  /** Every worker on these connections encrypts and decrypts payloads with it, as the client does. */
  dataConverter: DataConverter;
  close(): Promise<void>;
}

type Env = Record<string, string | undefined>;

function readSetting(env: Env, variable: string): Buffer | undefined {
  const file = env[variable];
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${variable} names ${file}, which cannot be read: ${reason}`);
  }
}

function tlsFromEnv(env: Env): TLSConfig | undefined {
  if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
    const missing = env.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT';
    throw new Error(`${missing} must be set too: the client certificate and its key go together`);
  }
  const crt = readSetting(env, 'TEMPORAL_TLS_CERT');
  const key = readSetting(env, 'TEMPORAL_TLS_KEY');
  const serverRootCACertificate = readSetting(env, 'TEMPORAL_TLS_CA');
  const serverNameOverride = env.TEMPORAL_TLS_SERVER_NAME || undefined;
  const tls: TLSConfig = {
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(serverRootCACertificate ? { serverRootCACertificate } : {}),
    ...(serverNameOverride ? { serverNameOverride } : {}),
  };
  if (env.TEMPORAL_TLS === 'false') {
    if (Object.keys(tls).length > 0)
      throw new Error('TEMPORAL_TLS=false contradicts the TEMPORAL_TLS_* files');
    return undefined;
  }
  return Object.keys(tls).length > 0 || env.TEMPORAL_TLS === 'true' ? tls : undefined;
}

function apiKeyFromEnv(env: Env): string | undefined {
  if (env.TEMPORAL_API_KEY && env.TEMPORAL_API_KEY_FILE) {
    throw new Error('Set TEMPORAL_API_KEY or TEMPORAL_API_KEY_FILE, not both');
  }
  const fromFile = readSetting(env, 'TEMPORAL_API_KEY_FILE')?.toString('utf8').trim();
  if (env.TEMPORAL_API_KEY_FILE && !fromFile) {
    throw new Error(`TEMPORAL_API_KEY_FILE names ${env.TEMPORAL_API_KEY_FILE}, which is empty`);
  }
  return fromFile ?? (env.TEMPORAL_API_KEY || undefined);
}

/**
 * The one reader of the Temporal variables: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS,
 * TEMPORAL_TLS_CERT / _KEY / _CA (files, read here), TEMPORAL_TLS_SERVER_NAME, TEMPORAL_API_KEY or
 * TEMPORAL_API_KEY_FILE, TEMPORAL_PAYLOAD_KEYS and TEMPORAL_PAYLOAD_ACTIVE_KEY. `defaultAddress` is used
 * when TEMPORAL_ADDRESS is unset.
 */
export function temporalSettingsFromEnv(env: Env = process.env, defaultAddress?: string): TemporalSettings {
  const address = env.TEMPORAL_ADDRESS || defaultAddress;
  if (!address) throw new Error('TEMPORAL_ADDRESS must be set (host:port of the Temporal frontend)');
  const tls = tlsFromEnv(env);
  const apiKey = apiKeyFromEnv(env);
  if (apiKey && env.TEMPORAL_TLS === 'false') {
    throw new Error('TEMPORAL_API_KEY needs TLS: unset TEMPORAL_TLS=false');
  }
  return {
    address,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    ...(tls ? { tls } : {}),
    ...(apiKey ? { apiKey } : {}),
    payloadKeys: payloadKeysFromEnv(env),
  };
}

/** The data converter every Client and Worker made from these settings uses. */
export function temporalDataConverter(settings: TemporalSettings): DataConverter {
  return encryptingDataConverter(settings.payloadKeys);
}

/** Options for a client Connection (API, CLIs). */
export function clientConnectionOptions(settings: TemporalSettings): ConnectionOptions {
  const { address, tls, apiKey } = settings;
  return { address, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) };
}

/** Options for a worker's NativeConnection. */
export function nativeConnectionOptions(settings: TemporalSettings): NativeConnectionOptions {
  const { address, tls, apiKey } = settings;
  return { address, ...(tls ? { tls } : {}), ...(apiKey ? { apiKey } : {}) };
}

export async function connectTemporal(settings: TemporalSettings): Promise<TemporalConnections> {
  const [nativeConnection, connection] = await Promise.all([
    NativeConnection.connect(nativeConnectionOptions(settings)),
    Connection.connect(clientConnectionOptions(settings)),
  ]);
  const dataConverter = temporalDataConverter(settings);
  return {
    client: new Client({
      connection,
      namespace: settings.namespace,
      dataConverter,
      interceptors: { workflow: clientInterceptors() },
    }),
    nativeConnection,
    namespace: settings.namespace,
    dataConverter,
    async close() {
      await nativeConnection.close();
      await connection.close();
    },
  };
}

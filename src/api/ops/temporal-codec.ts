import type { Client } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { PayloadDecryptionError } from '../../security/payload-codec';
import { HttpError } from '../http-errors';
import { parseBody } from '../parse-body';

/** Where the Temporal UI's codec endpoint lives: it POSTs to `<path>/decode` and `<path>/encode`. */
export const TEMPORAL_CODEC_PATH = '/ops/temporal-codec';

const base64 = z.base64('must be base64');

/** One payload as the remote codec protocol carries it: metadata values and data in base64. */
const codecPayload = z.object({
  metadata: z.record(z.string().max(256), base64).default({}),
  data: base64.default(''),
});

export const codecRequestSchema = z.object({
  payloads: z.array(codecPayload).max(1000, 'must hold at most 1000 payloads'),
});

type CodecPayload = z.output<typeof codecPayload>;

const fromWire = (payload: CodecPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(payload.data, 'base64'),
});

const toWire = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});

export interface TemporalCodecDeps {
  codec: PayloadCodec;
  /** The namespace whose payloads this service encrypts; X-Namespace, when sent, must name it. */
  namespace: () => string;
}

/** Exactly the payload codecs `client` runs (encoding in order, decoding in reverse), read when called. */
export function codecOfClient(client: Client): PayloadCodec {
  const codecs = () => client.options.dataConverter.payloadCodecs ?? [];
  return {
    async encode(payloads) {
      for (const codec of codecs()) payloads = await codec.encode(payloads);
      return payloads;
    },
    async decode(payloads) {
      for (const codec of [...codecs()].reverse()) payloads = await codec.decode(payloads);
      return payloads;
    },
  };
}

/** Decodes payloads one at a time, so a refusal names the payload (its index) it is about. */
async function decodeEach(codec: PayloadCodec, payloads: Payload[]): Promise<Payload[]> {
  const decoded: Payload[] = [];
  for (const [index, payload] of payloads.entries()) {
    try {
      decoded.push(...(await codec.decode([payload])));
    } catch (error) {
      if (!(error instanceof PayloadDecryptionError)) throw error;
      throw new HttpError(422, 'undecodable_payload', `Payload ${index} cannot be decoded.`, {
        errors: [{ field: `payloads.${index}`, message: error.message }],
      });
    }
  }
  return decoded;
}

/**
 * The Temporal remote codec protocol for the Temporal UI (and `temporal --codec-endpoint`):
 * POST …/decode shows encrypted payloads in the clear to an operator, POST …/encode encrypts what
 * the UI sends (a signal or a workflow started from it). The access gate admits operators only.
 */
export function temporalCodecRoutes(deps: TemporalCodecDeps): Router {
  const router = Router();
  const checkNamespace: RequestHandler = (req, _res, next) => {
    const namespace = req.get('x-namespace');
    if (namespace !== undefined && namespace !== deps.namespace()) {
      throw new HttpError(400, 'validation_failed', 'The X-Namespace header names another namespace.', {
        errors: [{ field: 'header:x-namespace', message: `must be ${deps.namespace()}` }],
      });
    }
    next();
  };
  router.post('/temporal-codec/decode', checkNamespace, async (req, res) => {
    const { payloads } = parseBody(req, codecRequestSchema);
    res.json({ payloads: (await decodeEach(deps.codec, payloads.map(fromWire))).map(toWire) });
  });
  router.post('/temporal-codec/encode', checkNamespace, async (req, res) => {
    const { payloads } = parseBody(req, codecRequestSchema);
    res.json({ payloads: (await deps.codec.encode(payloads.map(fromWire))).map(toWire) });
  });
  return router;
}

/** TEMPORAL_CODEC_CORS_ORIGINS: the Temporal UI origins (comma-separated) that may call the endpoint. */
export function codecCorsOriginsFromEnv(env: Record<string, string | undefined>, fallback: string[] = []) {
  const listed = (env.TEMPORAL_CODEC_CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/$/, ''))
    .filter(Boolean);
  return listed.length > 0 ? listed : fallback;
}

/**
 * CORS for the Temporal UI, which calls the endpoint from the browser: answers the preflight
 * (before the access gate, as browsers send it without credentials) and lets the UI read answers.
 */
export function temporalCodecCors(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && origins.includes(origin)) {
      res.vary('Origin');
      res.set({
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Namespace',
        'Access-Control-Max-Age': '600',
      });
    }
    if (req.method === 'OPTIONS') {
      res.status(origin && origins.includes(origin) ? 204 : 403).end();
      return;
    }
    next();
  };
}

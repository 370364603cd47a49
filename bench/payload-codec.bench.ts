import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { PayloadEncryptionCodec } from '../src/security/payload-codec';
import { parsePayloadKeys } from '../src/security/payload-keys';
import { toCanonicalOrder, orderSubmissionSchema } from '../src/domain/order';
import { sampleOrder } from '../test/support/orders';

export interface CodecCost {
  payloadBytes: number;
  encryptedBytes: number;
  encodeMicrosecondsPerPayload: number;
  decodeMicrosecondsPerPayload: number;
  runs: number;
  payloadsPerRun: number;
}

/**
 * What payload encryption costs per payload: an order workflow's input (the canonical order) encoded
 * and decoded, median of `runs` runs of `count` payloads each.
 */
export async function measureCodecCost(runs: number, count: number): Promise<CodecCost> {
  const codec = new PayloadEncryptionCodec(parsePayloadKeys(`k1:${randomBytes(32).toString('base64')}`));
  const payload = defaultPayloadConverter.toPayload({
    order: toCanonicalOrder(orderSubmissionSchema.parse(sampleOrder())),
  });
  const perPayload: { encodeUs: number; decodeUs: number }[] = [];
  for (let run = 0; run < runs; run += 1) {
    let started = process.hrtime.bigint();
    const encoded = [];
    for (let i = 0; i < count; i += 1) encoded.push(...(await codec.encode([payload])));
    const encodeNs = Number(process.hrtime.bigint() - started);
    started = process.hrtime.bigint();
    for (const one of encoded) await codec.decode([one]);
    const decodeNs = Number(process.hrtime.bigint() - started);
    perPayload.push({ encodeUs: encodeNs / count / 1000, decodeUs: decodeNs / count / 1000 });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const [encoded] = await codec.encode([payload]);
  return {
    payloadBytes: payload.data!.length,
    encryptedBytes: encoded!.data!.length,
    encodeMicrosecondsPerPayload: Number(median(perPayload.map((p) => p.encodeUs)).toFixed(2)),
    decodeMicrosecondsPerPayload: Number(median(perPayload.map((p) => p.decodeUs)).toFixed(2)),
    runs,
    payloadsPerRun: count,
  };
}

/** BENCH_RUNS runs (default 3) of BENCH_PAYLOADS payloads each (default 20000), printed as JSON. */
async function main(): Promise<void> {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const count = Number(process.env.BENCH_PAYLOADS ?? 20_000);
  console.log(JSON.stringify(await measureCodecCost(runs, count)));
}

if (require.main === module) void main();

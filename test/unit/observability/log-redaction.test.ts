import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger, type Logger } from '../../../src/logger';
import { REDACTED } from '../../../src/observability/log-redaction';

/** The lines the service's logger writes, parsed. */
function capture(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('info', sink);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const secrets = ['Bearer ops_abc123', 'sess=xyz', 'SG.live-key', 'tw-auth-token', 'whsec_live'];
const personal = ['ada@example.com', '+14155550123', '1 Analytical Way', 'Flat 2', '10001', 'Ada Lovelace'];

describe('log redaction', () => {
  it('hides credentials and personal data wherever they sit in a logged object', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        req: { headers: { authorization: secrets[0], cookie: secrets[1], 'user-agent': 'curl/8' } },
        sendgrid: { apiKey: secrets[2] },
        twilio: { authToken: secrets[3] },
        webhookSecret: secrets[4],
        email: personal[0],
        order: {
          orderId: 'web:acme:1001',
          customer: { id: 'c-1', name: personal[5], email: personal[0], phone: personal[1] },
          shippingAddress: {
            name: personal[5],
            line1: personal[2],
            line2: personal[3],
            postalCode: personal[4],
          },
        },
      },
      'order received',
    );
    const [line] = lines();
    const text = JSON.stringify(line);
    for (const value of [...secrets, ...personal]) assert.ok(!text.includes(value), value);
    const order = line!.order as Record<string, Record<string, unknown>>;
    assert.equal(order.customer!.email, REDACTED);
    assert.equal(order.customer!.name, REDACTED);
    assert.equal(order.shippingAddress, REDACTED);
    assert.equal((line!.req as { headers: Record<string, unknown> }).headers.authorization, REDACTED);
    // What ops need to follow an order stays readable.
    assert.equal(order.orderId, 'web:acme:1001');
    assert.equal(order.customer!.id, 'c-1');
    assert.equal((line!.req as { headers: Record<string, unknown> }).headers['user-agent'], 'curl/8');
    assert.equal(line!.msg, 'order received');
  });

  it('keeps error and process names, which are not a person’s', () => {
    const { logger, lines } = capture();
    logger.error({ err: new TypeError('boom'), process: { name: 'api' } }, 'failed');
    const [line] = lines();
    assert.equal((line!.err as { type: string }).type, 'TypeError');
    assert.equal((line!.process as { name: string }).name, 'api');
  });
});

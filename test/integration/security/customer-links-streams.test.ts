import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { issueCustomerLink, issueOrderLink } from '../../../src/security/customer-links';
import { eventually } from '../../support/http';
import {
  LINK_KEYS,
  placeOrder,
  startCustomerLinkFixture,
  type CustomerLinkFixture,
} from './customer-link-fixture';

interface OpenStream {
  status: number;
  retryAfter: string | null;
  /** Resolves when the server ends the stream: 'ended' cleanly, or 'cut' when the connection broke. */
  finished: Promise<'ended' | 'cut'>;
  close(): void;
}

const enc = encodeURIComponent;

describe('live event streams are capped per order and in total, and end when the server closes', () => {
  let f: CustomerLinkFixture;
  const orders: string[] = [];

  before(async () => {
    f = await startCustomerLinkFixture({ perSubject: 2, total: 4, retryAfterSeconds: 7 });
    for (const id of ['CAP-A', 'CAP-B', 'CAP-C']) orders.push(await placeOrder(f.database, id, `cust-${id}`));
  });
  after(() => f?.stop());

  async function open(path: string): Promise<OpenStream> {
    const abort = new AbortController();
    const response = await fetch(`${f.baseUrl}${path}`, { signal: abort.signal });
    const finished = (async () => {
      if (!response.body) return 'ended' as const;
      try {
        for await (const chunk of response.body) void chunk;
        return 'ended' as const;
      } catch {
        return 'cut' as const;
      }
    })();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      finished,
      close: () => abort.abort(),
    };
  }

  const statusStream = (orderId: string) =>
    open(`/track/${enc(orderId)}/events?t=${issueOrderLink(orderId, { keys: LINK_KEYS })}`);
  const orderInboxStream = (orderId: string) =>
    open(
      `/notifications/orders/${enc(orderId)}/inbox/stream?t=${issueOrderLink(orderId, { keys: LINK_KEYS })}`,
    );
  const customerInboxStream = (customerId: string) =>
    open(
      `/notifications/customers/${customerId}/inbox/stream?t=${issueCustomerLink(
        { channel: 'web', accountId: 'acme', customerId },
        { keys: LINK_KEYS },
      )}`,
    );

  test('one order gets two streams, the third is 429 with Retry-After; the server as a whole four, then 503', async () => {
    const [a, b, c] = orders as [string, string, string];
    const a1 = await statusStream(a);
    const a2 = await orderInboxStream(a);
    assert.deepEqual([a1.status, a2.status], [200, 200]);
    const a3 = await statusStream(a);
    assert.equal(a3.status, 429);
    assert.equal(a3.retryAfter, '7');

    const b1 = await statusStream(b);
    const customer = await customerInboxStream('cust-CAP-C');
    assert.deepEqual([b1.status, customer.status], [200, 200]);
    const c1 = await statusStream(c);
    assert.equal(c1.status, 503);
    assert.equal(c1.retryAfter, '7');

    // A viewer leaving frees its place for another.
    a1.close();
    const again = await eventually(async () => {
      const stream = await statusStream(c);
      return stream.status === 200 ? stream : undefined;
    });
    for (const stream of [a2, b1, customer, again]) stream.close();
    await eventually(async () => {
      const probe = await statusStream(a);
      probe.close();
      const second = await statusStream(a);
      second.close();
      return probe.status === 200 && second.status === 200 ? true : undefined;
    });
  });

  test('closing the server ends every open stream cleanly, and the close completes', async () => {
    const [a, b] = orders as [string, string];
    const streams = [
      await statusStream(a),
      await orderInboxStream(b),
      await customerInboxStream('cust-CAP-A'),
    ];
    assert.deepEqual(
      streams.map((stream) => stream.status),
      [200, 200, 200],
    );
    // A grace period longer than the test's timeout: only ending the streams lets the close finish.
    await f.closeHttp(10 * 60_000);
    assert.deepEqual(await Promise.all(streams.map((stream) => stream.finished)), [
      'ended',
      'ended',
      'ended',
    ]);
  });
});

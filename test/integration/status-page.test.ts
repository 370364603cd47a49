import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { parse } from 'node-html-parser';
import type { Browser } from 'playwright-core';
import { ORDER_STATUSES } from '../../src/domain/order-status';
import { trackingUrl } from '../../src/domain/tracking-numbers';
import { listenToInbox, type InboxFeed } from '../../src/notifications/inbox/feed';
import type { OrderRecord, ShipmentRecord, TimelineRecord } from '../../src/orders/order-read-model';
import { toCustomerView, type CustomerOrderView } from '../../src/status-page/customer-view';
import { escapeHtml, html } from '../../src/status-page/html';
import { createOrderWatch } from '../../src/status-page/order-watch';
import { PROGRESS_STAGES, progressOf } from '../../src/status-page/progress-stages';
import { renderNotFoundPage, renderStatusPage } from '../../src/status-page/render-page';
import { statusPageRoutes } from '../../src/status-page/routes';
import { STATUS_LABELS, statusLabel } from '../../src/status-page/status-labels';
import { carrierUpdateSignal } from '../../src/workflows/messages';
import { orderWorkflowId } from '../../src/workflows/order-workflow-id';
import { browserSkipReason, launchBrowser } from '../support/browser';
import { eventually, orderPath, request } from '../support/http';
import { carrierScan } from '../support/lifecycle-driver';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { sampleOrder } from '../support/orders';

const SCRIPT_TEXT = '<script>window.__xss = 1</script>';

describe('status page wording (pure)', () => {
  test('every order status has its own customer label and a sentence', () => {
    for (const status of ORDER_STATUSES) {
      const { label, description } = statusLabel(status);
      assert.ok(label.length > 0 && description.length > 0, status);
      assert.doesNotMatch(`${label} ${description}`, /_/, `${status} reads as words, not a code`);
    }
    const labels = ORDER_STATUSES.map((status) => STATUS_LABELS[status].label);
    assert.equal(new Set(labels).size, labels.length, `labels are distinct: ${labels.join(', ')}`);
    assert.deepEqual(Object.keys(STATUS_LABELS).sort(), [...ORDER_STATUSES].sort());
    assert.equal(statusLabel('some_future_status').label, 'In progress');
  });

  test('the progress bar marks at most one current stage, and it never runs ahead of the status', () => {
    const stageIndex = (key: string | undefined) => PROGRESS_STAGES.findIndex((stage) => stage.key === key);
    const order = [
      'received',
      'reserved',
      'processing',
      'packed',
      'shipped',
      'in_transit',
      'out_for_delivery',
    ];
    let previous = -1;
    for (const status of order) {
      const progress = progressOf(status as (typeof ORDER_STATUSES)[number]);
      const current = progress.stages.filter((stage) => stage.state === 'current');
      assert.ok(current.length <= 1, status);
      const index = stageIndex(current[0]?.key);
      assert.ok(index >= previous, `${status} does not move the bar backwards`);
      assert.ok(progress.stages.slice(0, Math.max(index, 0)).every((stage) => stage.state === 'done'));
      previous = index;
    }
    assert.equal(stageIndex(progressOf('received').stages.find((s) => s.state === 'current')?.key), -1);
    assert.equal(progressOf('delivered').stages.at(-1)!.state, 'current');
    const held = progressOf('on_hold', 'packed');
    assert.equal(held.halted, true);
    assert.equal(held.stages.find((stage) => stage.state === 'current')?.key, 'packed');
    for (const status of ORDER_STATUSES) assert.equal(progressOf(status).stages.length, 5);
  });

  test('escaping: every interpolated value is text, SafeHtml passes through', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&\``),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&#96;',
    );
    const inner = html`<b>${'<i>'}</b>`;
    assert.equal(html`<p>${inner}${['<', 1, null, false]}</p>`.value, '<p><b>&lt;i&gt;</b>&lt;1</p>');
  });
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 10, minutes)).toISOString();

function entry(seq: number, overrides: Partial<TimelineRecord>): TimelineRecord {
  return {
    seq,
    eventId: `e-${seq}`,
    eventType: 'picked',
    source: 'warehouse',
    from: 'reserved',
    to: 'processing',
    applied: true,
    note: null,
    details: {},
    occurredAt: at(seq),
    recordedAt: at(seq),
    ...overrides,
  };
}

function orderRecord(overrides: Partial<OrderRecord> = {}): OrderRecord {
  const submission = sampleOrder({ externalId: 'W-1001' });
  return {
    orderId: 'web:acme:W-1001',
    channel: 'web',
    accountId: 'acme',
    externalId: 'W-1001',
    customerId: 'cust-42',
    status: 'in_transit',
    delayed: false,
    version: 6,
    currency: 'USD',
    totalMinor: 2500,
    promisedDelivery: '2026-11-27',
    estimatedDelivery: null,
    placedAt: at(0),
    updatedAt: at(6),
    order: {
      ...submission,
      lines: [...submission.lines, { sku: 'SKU-PEN', quantity: 3, unitPriceMinor: 99 }],
    },
    ...overrides,
  };
}

const shipment: ShipmentRecord = {
  shipmentNo: 1,
  carrier: 'ups',
  service: 'standard',
  trackingNumber: '1Z8V92A70310000012',
  status: 'in_transit',
  estimatedDelivery: null,
};

const history: TimelineRecord[] = [
  entry(1, { eventType: 'inventory_reserved', source: 'system', from: 'received', to: 'reserved' }),
  entry(2, { note: 'picker 7 used the back door' }),
  entry(3, { eventType: 'packed', from: 'processing', to: 'packed' }),
  entry(4, { eventType: 'shipped', from: 'packed', to: 'shipped', details: { carrier: 'ups' } }),
  entry(5, {
    eventType: 'tracking_number_assigned',
    source: 'system',
    from: 'shipped',
    to: 'shipped',
    details: { trackingNumber: shipment.trackingNumber },
  }),
  entry(6, {
    eventType: 'carrier_update',
    source: 'carrier',
    from: 'shipped',
    to: 'in_transit',
    details: { tracking: { rawDescription: `Departed ${SCRIPT_TEXT}`, location: 'Louisville, KY' } },
  }),
  // A late scan, recorded but not applied: the customer does not see it.
  entry(7, {
    eventType: 'carrier_update',
    source: 'carrier',
    from: 'in_transit',
    to: 'in_transit',
    applied: false,
    note: 'older than the newest scan; kept for the record',
    occurredAt: at(1),
    details: { tracking: { rawDescription: 'Origin scan' } },
  }),
];

describe('customer view (pure projection of the read model)', () => {
  test('shows status, progress, carrier link and applied entries newest first, and nothing private', () => {
    const view = toCustomerView(orderRecord(), history, [shipment]);
    assert.equal(view.status.code, 'in_transit');
    assert.equal(view.status.label, STATUS_LABELS.in_transit.label);
    assert.equal(view.itemCount, 5);
    assert.equal(view.expectedDelivery, '2026-11-27', 'the promise stands while on time');
    assert.equal(view.progress.stages.find((stage) => stage.state === 'current')?.key, 'shipped');
    assert.deepEqual(view.shipments, [
      {
        carrier: 'ups',
        carrierName: 'UPS',
        trackingNumber: shipment.trackingNumber,
        trackingUrl: trackingUrl('ups', shipment.trackingNumber),
      },
    ]);
    assert.deepEqual(
      view.timeline.map((item) => item.seq),
      [6, 5, 4, 3, 2, 1],
    );
    assert.equal(view.timeline[0]!.detail, `Departed ${SCRIPT_TEXT}`);
    assert.equal(view.timeline[0]!.location, 'Louisville, KY');
    assert.equal(view.timeline[1]!.detail, `Tracking number ${shipment.trackingNumber}`);

    const json = JSON.stringify(view);
    for (const secret of [
      'Analytical Way',
      'picker 7',
      'Origin scan',
      '1250',
      '2500',
      'ada@example.com',
      'cust-42',
    ]) {
      assert.ok(!json.includes(secret), `the view leaks ${secret}`);
    }
  });

  test('a delayed order shows only the revised estimate; a held order keeps its stage and hides the reason', () => {
    const delayed = toCustomerView(orderRecord({ delayed: true, estimatedDelivery: '2026-12-02' }), history, [
      shipment,
    ]);
    assert.equal(delayed.delayed, true);
    assert.equal(delayed.expectedDelivery, '2026-12-02');
    const unknownEstimate = toCustomerView(orderRecord({ delayed: true }), history, [shipment]);
    assert.equal(unknownEstimate.expectedDelivery, null, 'the broken promise is not repeated');

    const held = toCustomerView(
      orderRecord({ status: 'on_hold', version: 3 }),
      [
        ...history.slice(0, 2),
        entry(3, {
          eventType: 'hold',
          source: 'ops',
          from: 'processing',
          to: 'on_hold',
          details: { reason: 'fraud review: card mismatch' },
        }),
      ],
      [],
    );
    assert.equal(held.progress.halted, true);
    assert.equal(held.progress.stages.find((stage) => stage.state === 'current')?.key, 'confirmed');
    assert.equal(held.timeline[0]!.title, STATUS_LABELS.on_hold.label);
    assert.ok(!JSON.stringify(held).includes('fraud'));

    const delivered = toCustomerView(orderRecord({ status: 'delivered', delayed: true }), history, [
      shipment,
    ]);
    assert.equal(delivered.delayed, false);
    assert.equal(delivered.expectedDelivery, null);
  });

  test('the page renders order IDs, carrier text and brand as text, never as markup', () => {
    const view = toCustomerView(
      orderRecord({ externalId: `X${SCRIPT_TEXT}"><img src=x onerror=alert(1)>` }),
      history,
      [{ ...shipment, carrier: '<b>ship</b>co' }],
    );
    const page = renderStatusPage(view, 'Acme <Goods> & "Co"');
    const root = parse(page);
    assert.deepEqual(
      root.querySelectorAll('script').map((script) => script.getAttribute('src')),
      ['assets/status-page.js'],
      'the only script is the page script',
    );
    assert.equal(root.querySelectorAll('img').length, 0);
    assert.equal(root.querySelectorAll('b').length, 0);
    assert.equal(root.getElementById('order-number')!.text, view.externalId.replace(/&/g, '&amp;'));
    assert.ok(page.includes('X&lt;script&gt;window.__xss = 1&lt;/script&gt;&quot;&gt;&lt;img'));
    assert.ok(root.querySelector('.timeline .detail')!.innerHTML.includes('&lt;script&gt;'));
    assert.equal(root.querySelector('.brand-name')!.innerHTML, 'Acme &lt;Goods&gt; &amp; &quot;Co&quot;');
    assert.equal(
      root.querySelector('#shipments .tracking-number')!.tagName,
      'SPAN',
      'no link for an unknown carrier',
    );
    assert.ok(!parse(renderNotFoundPage('<i>x</i>')).querySelector('i'));
  });
});

interface Ordered {
  orderId: string;
  trackingNumber?: string;
}

describe('live status page on the real service', () => {
  let stack: OrderStack;
  let inboxFeed: InboxFeed;
  let server: Server;
  let pageUrl: string;
  let browser: Browser | undefined;

  before(async () => {
    stack = await startOrderStack({ notifications: true });
    inboxFeed = await listenToInbox(stack.database.url);
    const app = express();
    app.use(statusPageRoutes({ db: stack.database.db, inboxFeed, brandName: 'Acme Goods' }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await inboxFeed?.close();
    await stack?.stop();
  });

  const track = (orderId: string) => `/track/${encodeURIComponent(orderId)}`;
  const statusJson = (orderId: string) =>
    request<CustomerOrderView>(pageUrl, 'GET', `${track(orderId)}/status.json`);
  const post = async (orderId: string, suffix: string, body: unknown) => {
    const response = await request(stack.baseUrl, 'POST', `${orderPath(orderId)}${suffix}`, body);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response;
  };

  async function placeConfirmedOrder(): Promise<Ordered> {
    await request(stack.baseUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 50 });
    const created = await request(stack.baseUrl, 'POST', '/orders', sampleOrder());
    assert.ok(created.status < 300, JSON.stringify(created.body));
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await statusJson(orderId)).body.status?.code === 'reserved' ? true : undefined,
    );
    return { orderId };
  }

  test('an unknown order gets a friendly 404 page, and status.json a 404 naming it', async () => {
    const response = await fetch(`${pageUrl}/track/web%3Aacme%3ANOPE-1`);
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await response.text(), /can.t find that order/);
    const json = await statusJson('web:acme:NOPE-1');
    assert.equal(json.status, 404);
    assert.match(JSON.stringify(json.body), /web:acme:NOPE-1/);
    const tooLong = await request(pageUrl, 'GET', `${track('x'.repeat(400))}/status.json`);
    assert.equal(tooLong.status, 400);
    assert.match(JSON.stringify(tooLong.body), /orderId/);
  });

  test('the event stream resumes after Last-Event-ID and shows a hold without its reason', async () => {
    const { orderId } = await placeConfirmedOrder();
    const confirmed = (await statusJson(orderId)).body;
    const abort = new AbortController();
    const response = await fetch(`${pageUrl}${track(orderId)}/events`, {
      headers: { 'Last-Event-ID': String(confirmed.version) },
      signal: abort.signal,
    });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
    await post(orderId, '/hold', { eventId: 'hold-1', reason: 'fraud review: card mismatch' });

    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event: { id: number; view: CustomerOrderView } | undefined;
    while (!event) {
      const { value, done } = await reader.read();
      assert.ok(!done, 'the stream stayed open');
      buffer += value;
      const match = /id: (\d+)\nevent: status\ndata: (.*)\n\n/.exec(buffer);
      if (match) event = { id: Number(match[1]), view: JSON.parse(match[2]!) as CustomerOrderView };
    }
    abort.abort();
    assert.ok(event.id > confirmed.version, 'nothing the client already had was sent again');
    assert.equal(event.view.version, event.id);
    assert.equal(event.view.status.code, 'on_hold');
    assert.equal(event.view.progress.halted, true);
    assert.ok(!JSON.stringify(event.view).includes('fraud'));
  });

  test('viewers of one order share one poller, which stops when the last one leaves', async () => {
    const { orderId } = await placeConfirmedOrder();
    const watch = createOrderWatch({ db: stack.database.db, inboxFeed, pollIntervalMs: 200 });
    const seen: string[][] = [[], []];
    const stops = seen.map((views) => watch.watch(orderId, (view) => views.push(view.status.code)));
    assert.deepEqual(watch.watchedOrders(), [orderId]);
    await post(orderId, '/events', { eventId: 'picked-1', type: 'picked' });
    await eventually(async () => (seen.every((views) => views.includes('processing')) ? true : undefined));
    stops[0]!();
    assert.deepEqual(watch.watchedOrders(), [orderId]);
    stops[1]!();
    assert.deepEqual(watch.watchedOrders(), []);
    watch.close();
  });

  test(
    'in Chromium the page follows the order from confirmed to delivered without reloading',
    { skip: browserSkipReason() },
    async () => {
      browser = await launchBrowser();
      const { orderId } = await placeConfirmedOrder();
      const page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('response', (answer) => {
        if (answer.status() >= 400) problems.push(`${answer.status()} ${answer.url()}`);
      });
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations += 1;
      });

      const response = await page.goto(`${pageUrl}${track(orderId)}`);
      assert.equal(response?.status(), 200);
      await page.evaluate('window.__samePage = true');
      const label = page.locator('#status-label');
      const currentStage = () => page.locator('#progress [aria-current="step"]').getAttribute('data-stage');
      const waitForStatus = (text: string) =>
        page.locator('#status-label', { hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 15_000 });

      assert.equal(await label.textContent(), 'Order confirmed');
      assert.equal(await page.locator('.brand-name').textContent(), 'Acme Goods');
      assert.equal(await currentStage(), 'confirmed');

      await post(orderId, '/events', { eventId: 'picked-1', type: 'picked' });
      await waitForStatus('Being prepared');
      await post(orderId, '/events', { eventId: 'packed-1', type: 'packed' });
      await waitForStatus('Packed');
      assert.equal(await currentStage(), 'packed');
      const shipped = await post(orderId, '/events', {
        eventId: 'shipped-1',
        type: 'shipped',
        carrier: 'ups',
        service: 'standard',
      });
      const trackingNumber = (shipped.body as { order: { shipment: { trackingNumber: string } } }).order
        .shipment.trackingNumber;
      await waitForStatus('Shipped');
      const link = page.locator('#shipments a.tracking-number', { hasText: trackingNumber });
      await link.waitFor({ timeout: 15_000 });
      assert.equal(await link.getAttribute('href'), trackingUrl('ups', trackingNumber));

      const workflow = stack.env.client.workflow.getHandle(orderWorkflowId(orderId));
      const start = Date.now();
      await workflow.signal(carrierUpdateSignal, {
        ...carrierScan(trackingNumber, 'scan-transit', 'in_transit', new Date(start + 1000).toISOString()),
        rawDescription: `Arrived at hub ${SCRIPT_TEXT}<img src=x onerror="window.__xss = 2">`,
        location: 'Louisville, KY, US',
        // Later than the promised 2026-11-27: the order becomes delayed.
        estimatedDelivery: '2026-12-02',
      });
      await waitForStatus('On its way');
      const notice = page.locator('#delay-notice');
      await notice.waitFor({ state: 'visible', timeout: 15_000 });
      assert.match((await notice.textContent()) ?? '', /running late.*Wednesday, December 2/);
      assert.equal(await page.locator('#expected').isVisible(), false, 'the notice carries the new date');
      const detail = page.locator('#timeline li').first().locator('.detail');
      assert.equal(
        await detail.textContent(),
        `Arrived at hub ${SCRIPT_TEXT}<img src=x onerror="window.__xss = 2">`,
      );
      assert.equal(await page.locator('#timeline script, #timeline img').count(), 0);

      await workflow.signal(
        carrierUpdateSignal,
        carrierScan(trackingNumber, 'scan-ofd', 'out_for_delivery', new Date(start + 2000).toISOString()),
      );
      await waitForStatus('Out for delivery');
      assert.equal(await currentStage(), 'out_for_delivery');
      assert.equal(await page.locator('#timeline li .title').first().textContent(), 'Out for delivery');
      await page.screenshot({ path: '/tmp/status-page.png', fullPage: true });

      await workflow.signal(
        carrierUpdateSignal,
        carrierScan(trackingNumber, 'scan-delivered', 'delivered', new Date(start + 3000).toISOString()),
      );
      await waitForStatus('Delivered');
      assert.equal(await notice.isVisible(), false, 'a delivered order is no longer late');

      assert.equal(await page.evaluate('window.__samePage'), true, 'the page was never reloaded');
      assert.equal(navigations, 1);
      assert.equal(await page.evaluate('window.__xss'), undefined, 'carrier text never ran as script');
      assert.deepEqual(problems, []);
      await page.close();
    },
  );
});

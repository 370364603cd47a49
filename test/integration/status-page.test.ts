import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Browser } from 'playwright-core';
import { trackingUrl } from '../../src/domain/tracking-numbers';
import { listenToInbox, type InboxFeed } from '../../src/notifications/inbox/feed';
import { type CustomerOrderView } from '../../src/status-page/customer-view';
import { createOrderWatch } from '../../src/status-page/order-watch';
import { statusPageRoutes } from '../../src/status-page/routes';
import { issueOrderLink } from '../../src/security/customer-links';
import { carrierUpdateSignal, orderWorkflowId } from '../../src/workflows/order/contract';
import { addDays } from '../../src/prediction/history/shipment-history';
import { browserSkipReason, launchBrowser } from '../support/browser';
import { trainMadeUpModel } from '../support/forecast-stack';
import { eventually, orderPath, request } from '../support/http';
import { carrierScan } from '../support/lifecycle-driver';
import { startOrderStack, type OrderStack } from '../support/order-stack';
import { sampleOrder } from '../support/orders';

interface Ordered {
  orderId: string;
  trackingNumber?: string;
}

const SCRIPT_TEXT = '<script>window.__xss = 1</script>';

describe('live status page on the real service', () => {
  let stack: OrderStack;
  let inboxFeed: InboxFeed;
  let server: Server;
  let pageUrl: string;
  let browser: Browser | undefined;

  before(async () => {
    stack = await startOrderStack({ notifications: true });
    // Before any order ships: the worker's predictor looks for a newer model at most once a minute.
    await trainMadeUpModel(stack.database, 'UPS Ground');
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
  /** The path as a customer's link has it: with the order's link token. */
  const linked = (orderId: string, suffix = '') => `${track(orderId)}${suffix}?t=${issueOrderLink(orderId)}`;
  const statusJson = (orderId: string) =>
    request<CustomerOrderView>(pageUrl, 'GET', linked(orderId, '/status.json'));
  const post = async (orderId: string, suffix: string, body: unknown) => {
    const response = await request(stack.baseUrl, 'POST', `${orderPath(orderId)}${suffix}`, body);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response;
  };

  async function placeConfirmedOrder(overrides: Parameters<typeof sampleOrder>[0] = {}): Promise<Ordered> {
    await request(stack.baseUrl, 'PUT', '/inventory/SKU-MUG', { onHand: 50 });
    const created = await request(stack.baseUrl, 'POST', '/orders', sampleOrder(overrides));
    assert.ok(created.status < 300, JSON.stringify(created.body));
    const orderId = created.body.orderId as string;
    await eventually(async () =>
      (await statusJson(orderId)).body.status?.code === 'reserved' ? true : undefined,
    );
    return { orderId };
  }

  test('an unknown order gets a friendly 404 page, and status.json a 404', async () => {
    const response = await fetch(`${pageUrl}${linked('web:acme:NOPE-1')}`);
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await response.text(), /can.t find that order/);
    const json = await request(pageUrl, 'GET', linked('web:acme:NOPE-1', '/status.json'));
    assert.equal(json.status, 404);
    assert.equal(json.body.code, 'order_not_found');
    const tooLong = await request(pageUrl, 'GET', `${track('x'.repeat(400))}/status.json`);
    assert.equal(tooLong.status, 400);
    assert.match(JSON.stringify(tooLong.body), /orderId/);
  });

  test('the event stream resumes after Last-Event-ID and shows a hold without its reason', async () => {
    const { orderId } = await placeConfirmedOrder();
    const confirmed = (await statusJson(orderId)).body;
    const abort = new AbortController();
    const response = await fetch(`${pageUrl}${linked(orderId, '/events')}`, {
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

      const response = await page.goto(`${pageUrl}${linked(orderId)}`);
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

  test(
    'at a phone’s width a long carrier note wraps beside its date, and the at-risk window appears live',
    { skip: browserSkipReason() },
    async () => {
      browser ??= await launchBrowser();
      const today = new Date().toISOString().slice(0, 10);
      const { orderId } = await placeConfirmedOrder({
        externalId: 'PHONE-1',
        promisedDeliveryDate: addDays(today, 1),
      });
      for (const type of ['picked', 'packed'] as const)
        await post(orderId, '/events', { eventId: `${type}-1`, type });
      const shipped = await post(orderId, '/events', {
        eventId: 'shipped-1',
        type: 'shipped',
        carrier: 'ups',
        service: 'UPS Ground',
      });
      const trackingNumber = (shipped.body as { order: { shipment: { trackingNumber: string } } }).order
        .shipment.trackingNumber;
      const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await page.goto(`${pageUrl}${linked(orderId)}`);
      await page.locator('#promise', { hasText: /^Promised by / }).waitFor({ timeout: 15_000 });
      await page.locator('#forecast', { hasText: /Now expected / }).waitFor({ timeout: 15_000 });

      // The carrier moves its date ten days out: the late probability passes the threshold.
      await stack.env.client.workflow.getHandle(orderWorkflowId(orderId)).signal(carrierUpdateSignal, {
        ...carrierScan(trackingNumber, 'scan-delay', 'in_transit', new Date().toISOString()),
        rawDescription:
          'The package was delayed at the regional hub because of a missed connection with the line haul trailer; it will move on the next available departure',
        location: 'Louisville, KY, US',
        estimatedDelivery: addDays(today, 10),
      });
      const notice = page.locator('#risk-notice');
      await notice.waitFor({ state: 'visible', timeout: 20_000 });
      const view = (await statusJson(orderId)).body;
      assert.equal(view.atRisk, true);
      assert.match(
        (await notice.textContent()) ?? '',
        /^\s*Your order may arrive later than promised: now expected between \w+day, \w+ \d+ and \w+day, \w+ \d+\.\s*$/,
      );
      assert.equal(await page.locator('#forecast').isVisible(), false, 'the notice carries the window');

      const row = page.locator('#timeline li', { hasText: 'missed connection' });
      await row.waitFor({ timeout: 15_000 });
      const date = await row.locator('time').evaluate((node) => {
        const range = node.ownerDocument.createRange();
        range.selectNodeContents(node);
        const box = node.getBoundingClientRect();
        return {
          lines: range.getClientRects().length,
          height: box.height,
          fontSize: parseFloat(node.ownerDocument.defaultView!.getComputedStyle(node).fontSize),
        };
      });
      assert.ok(date.lines <= 2, `the date takes ${date.lines} lines`);
      assert.ok(date.height <= 2.6 * date.fontSize, `the date cell is ${date.height}px high`);
      const [timeBox, titleBox, detailBox] = await Promise.all(
        ['time', '.title', '.detail'].map((selector) => row.locator(selector).boundingBox()),
      );
      assert.equal(Math.round(titleBox!.x), Math.round(detailBox!.x), 'the note wraps under the title');
      assert.equal(Math.round(timeBox!.y), Math.round(titleBox!.y), 'date and title share a line');
      await page.screenshot({ path: '/tmp/status-page-phone.png', fullPage: true });
      await page.close();
    },
  );
});

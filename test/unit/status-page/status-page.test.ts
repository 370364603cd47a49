import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'node-html-parser';
import { ORDER_STATUSES } from '../../../src/domain/order-status';
import { trackingUrl } from '../../../src/domain/tracking-numbers';
import type { OrderRecord, ShipmentRecord, TimelineRecord } from '../../../src/orders/order-read-model';
import { toCustomerView } from '../../../src/status-page/customer-view';
import { escapeHtml, html } from '../../../src/status-page/html';
import { PROGRESS_STAGES, progressOf } from '../../../src/status-page/progress-stages';
import { renderNotFoundPage, renderStatusPage } from '../../../src/status-page/render-page';
import { STATUS_LABELS, statusLabel } from '../../../src/status-page/status-labels';
import { sampleOrder } from '../../support/orders';

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
    promiseSource: 'derived',
    estimatedDelivery: null,
    predictedFrom: null,
    predictedTo: null,
    predictedEstimate: null,
    lateProbability: null,
    forecastModelVersion: null,
    atRisk: false,
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

  test('shows the total the customer paid, as the channel stated it', () => {
    const view = toCustomerView(orderRecord({ totalMinor: 59894 }), history, [shipment]);
    assert.equal(view.total, '$598.94');
    const page = parse(renderStatusPage(view, 'Parcel & Co'));
    assert.equal(page.querySelector('#order-total')?.text, '$598.94');
    assert.equal(
      toCustomerView(orderRecord({ currency: 'XXX-not-a-currency' }), history, [shipment]).total,
      null,
    );
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

  test('the promise and the predicted window show while on its way; at risk, the notice says so plainly', () => {
    const predicted = {
      predictedFrom: '2026-11-25',
      predictedTo: '2026-11-27',
      predictedEstimate: '2026-11-26',
    };
    const onTime = toCustomerView(orderRecord({ ...predicted, lateProbability: 0.1 }), history, [shipment]);
    assert.equal(onTime.promisedDelivery, '2026-11-27');
    assert.deepEqual(onTime.deliveryWindow, { from: '2026-11-25', to: '2026-11-27' });
    assert.equal(onTime.atRisk, false);
    const onTimePage = parse(renderStatusPage(onTime, 'Acme'));
    assert.equal(onTimePage.getElementById('promise')!.text.trim(), 'Promised by Friday, November 27');
    assert.equal(
      onTimePage.getElementById('forecast')!.text.trim(),
      'Now expected between Wednesday, November 25 and Friday, November 27',
    );
    assert.equal(onTimePage.getElementById('expected')!.getAttribute('hidden'), '', 'the window replaces it');
    assert.equal(onTimePage.getElementById('risk-notice')!.getAttribute('hidden'), '');

    const atRisk = toCustomerView(
      orderRecord({
        predictedFrom: '2026-11-27',
        predictedTo: '2026-12-01',
        lateProbability: 0.7,
        atRisk: true,
      }),
      history,
      [shipment],
    );
    assert.equal(atRisk.atRisk, true);
    const riskPage = parse(renderStatusPage(atRisk, 'Acme'));
    assert.equal(
      riskPage.getElementById('risk-notice')!.text.trim(),
      'Your order may arrive later than promised: now expected between Friday, November 27 and Tuesday, December 1.',
    );
    assert.equal(riskPage.getElementById('risk-notice')!.getAttribute('hidden'), undefined);
    assert.equal(
      riskPage.getElementById('forecast')!.getAttribute('hidden'),
      '',
      'the notice carries the window',
    );

    const oneDay = toCustomerView(
      orderRecord({ predictedFrom: '2026-11-26', predictedTo: '2026-11-26' }),
      history,
      [shipment],
    );
    assert.equal(
      parse(renderStatusPage(oneDay, 'Acme')).getElementById('forecast')!.text.trim(),
      'Now expected on Thursday, November 26',
    );

    const delivered = toCustomerView(
      orderRecord({ ...predicted, status: 'delivered', atRisk: true }),
      history,
      [shipment],
    );
    assert.deepEqual(
      [delivered.promisedDelivery, delivered.deliveryWindow, delivered.atRisk],
      [null, null, false],
    );
  });

  test('forecast bookkeeping stays out of the updates; the at-risk warning is one plain entry', () => {
    const forecastEntries = [
      entry(8, { eventType: 'delivery_predicted', source: 'system', from: 'in_transit', to: 'in_transit' }),
      entry(9, { eventType: 'delivery_at_risk', source: 'system', from: 'in_transit', to: 'in_transit' }),
      entry(10, { eventType: 'recovery_applied', source: 'ops', from: 'in_transit', to: 'in_transit' }),
    ];
    const view = toCustomerView(orderRecord({ version: 10 }), [...history, ...forecastEntries], [shipment]);
    assert.deepEqual(
      view.timeline.filter((item) => item.seq >= 8).map((item) => [item.seq, item.title]),
      [[9, 'Delivery may be later than promised']],
    );
  });
});

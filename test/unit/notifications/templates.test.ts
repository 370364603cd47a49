import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { MILESTONES, type OrderNotificationRequest } from '../../../src/notifications/contract';
import { sampleRequest } from '../../../src/notifications/templates/preview';
import { renderMessage, type RenderConfig } from '../../../src/notifications/templates/render';
import { countSmsSegments } from '../../../src/notifications/templates/sms-segments';
import { singleCustomerLinkKey } from '../../../src/security/customer-link-keys';
import { verifyCustomerLink, verifyOrderLink } from '../../../src/security/customer-links';

const config: RenderConfig = {
  brand: {
    name: 'Parcel & Co',
    siteUrl: 'https://shop.example.com',
    supportUrl: 'https://shop.example.com/help',
    fromEmail: 'updates@shop.example.com',
    fromName: 'Parcel & Co',
  },
  publicBaseUrl: 'https://api.shop.example.com',
  unsubscribeSecret: 'fixture-unsubscribe-secret',
  customerLinks: { keys: singleCustomerLinkKey('fixture-customer-link-secret'), ttlMs: 90 * 24 * 3600_000 },
};

const FIXTURES = path.join(__dirname, 'fixtures');

/** Compares with a stored fixture (stored as .txt so formatters leave them byte-exact); UPDATE_FIXTURES=1 rewrites them (review the diff before committing). */
function matchesFixture(name: string, actual: string) {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_FIXTURES === '1') writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `rendered output differs from fixtures/${name}`);
}

test('shipped email in English (text part, subject and HTML) matches the fixtures', () => {
  const email = renderMessage(sampleRequest('shipped', 'en'), 'email', config);
  assert.equal(email.channel, 'email');
  if (email.channel !== 'email') return;
  matchesFixture('shipped.en.email.txt', `Subject: ${email.subject}\n\n${email.text}`);
  matchesFixture('shipped.en.email.html.txt', email.html);
});

test('delayed email and SMS in German match the fixtures, with the date in German', () => {
  const request = sampleRequest('delayed', 'de-DE');
  const email = renderMessage(request, 'email', config);
  const sms = renderMessage(request, 'sms', config);
  if (email.channel !== 'email' || sms.channel !== 'sms') throw new Error('wrong channel');
  matchesFixture('delayed.de.email.txt', `Subject: ${email.subject}\n\n${email.text}`);
  matchesFixture('delayed.de.sms.txt', sms.body);
  assert.match(email.text, /Fr\., 14\. März/);
});

test('in-app and push cards carry title, body and the order status link', () => {
  const card = renderMessage(sampleRequest('out_for_delivery', 'de'), 'in_app', config);
  if (card.channel !== 'in_app') throw new Error('wrong channel');
  matchesFixture('out_for_delivery.de.in_app.json.txt', `${JSON.stringify(card, null, 2)}\n`);
  const push = renderMessage(sampleRequest('out_for_delivery', 'en'), 'push', config);
  assert.deepEqual(push, {
    ...card,
    channel: 'push',
    locale: 'en',
    title: 'Out for delivery',
    body: 'Order 1001 is out for delivery today with FedEx.',
  });
});

test('an unknown locale falls back to English; a regional variant uses its language', () => {
  const fr = renderMessage(sampleRequest('delivered', 'fr-FR'), 'sms', config);
  const at = renderMessage(sampleRequest('delivered', 'de-AT'), 'sms', config);
  assert.equal(fr.locale, 'en');
  assert.equal(at.locale, 'de');
  if (fr.channel === 'sms') assert.match(fr.body, /was delivered/);
  if (at.channel === 'sms') assert.match(at.body, /wurde zugestellt/);
});

test('values are HTML-escaped in the email HTML but not in the text part', () => {
  const request: OrderNotificationRequest = {
    ...sampleRequest('cancelled', 'en'),
    customer: { ...sampleRequest('cancelled', 'en').customer, name: '<script>x</script> & Co' },
  };
  const email = renderMessage(request, 'email', config);
  if (email.channel !== 'email') throw new Error('wrong channel');
  assert.ok(!email.html.includes('<script>'));
  assert.ok(email.html.includes('&lt;script&gt;x&lt;/script&gt; &amp; Co'));
  assert.ok(email.text.includes('Hi <script>x</script> & Co,'));
});

test('the email carries an unsubscribe link with a customer link for this customer and channel account', () => {
  const email = renderMessage(sampleRequest('delivered', 'en'), 'email', config);
  if (email.channel !== 'email') throw new Error('wrong channel');
  const url = new URL(email.unsubscribeUrl);
  assert.equal(url.origin + url.pathname, 'https://api.shop.example.com/notifications/unsubscribe');
  assert.equal(url.searchParams.get('customer'), 'customer-preview');
  const token = url.searchParams.get('t');
  const dayAfter = { now: new Date('2025-03-11T00:00:00Z'), keys: config.customerLinks!.keys };
  assert.deepEqual(verifyCustomerLink(token, 'customer-preview', dayAfter), {
    channel: 'web',
    accountId: 'demo',
    customerId: 'customer-preview',
  });
  assert.equal(verifyCustomerLink(token, 'someone-else', dayAfter), undefined);
});

test('every order link opens that order only, for the link lifetime after the event it tells of', () => {
  const request = sampleRequest('shipped', 'en');
  const withoutTracking = { ...request, details: { ...request.details, trackingNumber: undefined } };
  const links = { keys: singleCustomerLinkKey('templates-test-link-secret'), ttlMs: 7 * 24 * 3600_000 };
  for (const channel of ['email', 'sms', 'push', 'in_app'] as const) {
    const rendered = JSON.stringify(
      renderMessage(withoutTracking, channel, { ...config, customerLinks: links }),
    );
    const found = /https:\/\/shop\.example\.com\/track\/web%3Ademo%3A1001\?t=([\w.-]+)/.exec(rendered);
    assert.ok(found, `${channel}: ${rendered}`);
    const verify = (now: string, orderId = 'web:demo:1001') =>
      verifyOrderLink(found[1], orderId, { keys: links.keys, now: new Date(now) });
    assert.equal(verify('2025-03-16T15:00:00Z'), true, channel);
    assert.equal(verify('2025-03-17T15:04:05Z'), false, `${channel} after seven days`);
    assert.equal(verify('2025-03-16T15:00:00Z', 'web:demo:1002'), false, `${channel} other order`);
  }
});

test('every milestone SMS in every language fits two GSM-7 segments with long real-world values', () => {
  for (const locale of ['en', 'de']) {
    for (const milestone of MILESTONES) {
      const base = sampleRequest(milestone, locale);
      const request: OrderNotificationRequest = {
        ...base,
        order: { ...base.order, externalId: 'SHOP-2025-000123456789' },
        details: {
          ...base.details,
          carrier: 'ups',
          trackingNumber: '1Z999AA10123456784',
          estimatedDelivery: '2025-12-24',
        },
      };
      const sms = renderMessage(request, 'sms', {
        ...config,
        brand: { ...config.brand, name: 'Parcel & Company Store' },
      });
      if (sms.channel !== 'sms') throw new Error('wrong channel');
      const count = countSmsSegments(sms.body);
      assert.equal(count.encoding, 'GSM-7', `${milestone}/${locale}: ${sms.body}`);
      assert.ok(count.segments <= 2, `${milestone}/${locale} needs ${count.segments} segments: ${sms.body}`);
      assert.ok(!sms.body.endsWith('…'), `${milestone}/${locale} had to be cut: ${sms.body}`);
      assert.deepEqual(sms.segments, count);
    }
  }
});

test('every milestone renders in every language without leftover template syntax', () => {
  for (const locale of ['en', 'de']) {
    for (const milestone of MILESTONES) {
      for (const channel of ['email', 'sms', 'push', 'in_app'] as const) {
        const rendered = JSON.stringify(renderMessage(sampleRequest(milestone, locale), channel, config));
        assert.ok(!rendered.includes('{{'), `${milestone}/${locale}/${channel}`);
      }
    }
  }
});

test('the order confirmation states the total the customer paid, in their language', () => {
  const base = sampleRequest('order_confirmed', 'en');
  const request: OrderNotificationRequest = {
    ...base,
    order: { ...base.order, totalMinor: 59894, currency: 'USD' },
  };
  const english = renderMessage(request, 'email', config, 'en');
  assert.ok(english.channel === 'email');
  assert.match(english.text, /\$598\.94/);
  const german = renderMessage(request, 'email', config, 'de');
  assert.ok(german.channel === 'email');
  assert.match(german.text, /598,94\s€|598,94\s\$/);
  const withoutTotal = renderMessage(
    { ...base, order: { ...base.order, totalMinor: undefined } },
    'email',
    config,
    'en',
  );
  assert.ok(withoutTotal.channel === 'email');
  assert.doesNotMatch(withoutTotal.text, /\$\d/);
});

test('the delivery_at_risk preview names the promise and the predicted window, by email and SMS', () => {
  const request = sampleRequest('delivery_at_risk', 'en');
  const email = renderMessage(request, 'email', config);
  const sms = renderMessage(request, 'sms', config);
  if (email.channel !== 'email' || sms.channel !== 'sms') throw new Error('wrong channel');
  assert.match(email.subject, /may arrive later than promised/);
  assert.match(email.text, /may not arrive by Thu, Mar 13 as promised\./);
  assert.match(email.text, /We now expect it between Thu, Mar 13 and Mon, Mar 17\./);
  assert.match(sms.body, /may arrive late\. Expected Thu, Mar 13 to Mon, Mar 17\./);
});

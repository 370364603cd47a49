import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyOrderEvent, initialOrderState } from '../../../src/domain/order-lifecycle';
import { toCanonicalOrder, orderSubmissionSchema } from '../../../src/domain/order';
import { noticesFor } from '../../../src/domain/order-notices';
import { ORDER_REASON_CODES } from '../../../src/domain/order-reasons';
import { MESSAGE_CHANNELS } from '../../../src/notifications/message-channels';
import { CATALOGS } from '../../../src/notifications/templates/locales';
import { renderMessage, type RenderConfig } from '../../../src/notifications/templates/render';
import { cancelEnvelope } from '../../../src/workflows/order/envelopes';
import type { CancelRequest } from '../../../src/workflows/order/contract';
import { sampleOrder } from '../../support/orders';

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
};

const HOSTILE = '<a href="https://evil.example/claim">Claim your refund</a> evil.example';

/** The cancelled notice the workflow hands over when ops cancel with this reason code and note. */
function cancelNotice(
  locale: string,
  request: CancelRequest = { eventId: 'cancel', reasonCode: 'payment_issue', note: HOSTILE },
) {
  const order = toCanonicalOrder(
    orderSubmissionSchema.parse(sampleOrder({ customer: { ...sampleOrder().customer, locale } })),
  );
  const before = initialOrderState(order.orderId, order.promisedDeliveryDate);
  const result = applyOrderEvent(before, cancelEnvelope(request), '2026-11-20T11:00:01Z');
  const [notice] = noticesFor(order, before, result.state, result.entry!);
  assert.ok(notice);
  return notice;
}

test('a cancel note never reaches the notice: it carries the reason code only', () => {
  const notice = cancelNotice('en');
  assert.equal(notice.milestone, 'cancelled');
  assert.equal(notice.details.reasonCode, 'payment_issue');
  assert.equal(notice.details.reason, undefined);
  assert.doesNotMatch(JSON.stringify(notice), /evil\.example|Claim/);
});

test('a cancel with markup and a URL in its note is told by reason code on email, SMS, push and in-app', () => {
  const sentences = {
    en: 'We could not take the payment for it.',
    de: 'Wir konnten die Zahlung nicht einziehen.',
  };
  for (const locale of ['en', 'de'] as const) {
    const notice = cancelNotice(locale);
    for (const channel of MESSAGE_CHANNELS) {
      const message = renderMessage(notice, channel, config);
      const everything = JSON.stringify(message);
      assert.doesNotMatch(everything, /evil\.example|Claim your refund|&lt;a/, `${locale} ${channel}`);
      if (message.channel === 'email') {
        assert.ok(message.text.includes(sentences[locale]), message.text);
        assert.ok(message.html.includes(sentences[locale].replace("'", '&#x27;')), message.html);
      }
      if (message.channel === 'push' || message.channel === 'in_app')
        assert.ok(message.body.includes(sentences[locale]), message.body);
    }
  }
});

test('a caller sending only free text (before reason codes) gets code other; the text stays out of every message', () => {
  const notice = cancelNotice('en', { eventId: 'cancel', reason: HOSTILE });
  assert.equal(notice.details.reasonCode, 'other');
  for (const channel of MESSAGE_CHANNELS)
    assert.doesNotMatch(
      JSON.stringify(renderMessage(notice, channel, config)),
      /evil\.example|Claim your refund/,
    );
});

test('every reason code has a sentence in every language', () => {
  for (const catalog of Object.values(CATALOGS))
    for (const code of ORDER_REASON_CODES)
      assert.ok(catalog.reasons[code].length > 0, `${catalog.locale} ${code}`);
});

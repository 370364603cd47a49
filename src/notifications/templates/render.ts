import { dateTimeFormat, pluralRules } from '../../domain/intl-formats';
import { knownTimeZoneOrUtc } from '../../domain/time-zones';
import { formatMoney } from '../../domain/money';
import type { NotificationConfig } from '../config';
import type { MessageChannel } from '../message-channels';
import type { OrderNotificationRequest } from '../contract';
import { unsubscribeUrl } from '../preferences/unsubscribe-link';
import { orderLinkToken, customerLinkToken } from './customer-link-urls';
import { EMAIL_HTML_LAYOUT, EMAIL_TEXT_LAYOUT } from './email-layout';
import { renderHtml, renderText, type TemplateVariables } from './engine';
import { catalogFor } from './locales';
import { countSmsSegments, fitSmsSegments, type SmsSegmentCount } from './sms-segments';
import { carrierDisplayName, carrierTrackingUrl } from './tracking-links';

export interface RenderedEmail {
  channel: 'email';
  locale: string;
  subject: string;
  html: string;
  text: string;
  unsubscribeUrl: string;
}
export interface RenderedSms {
  channel: 'sms';
  locale: string;
  body: string;
  segments: SmsSegmentCount;
}
export interface RenderedCard {
  channel: 'push' | 'in_app';
  locale: string;
  title: string;
  body: string;
  link: string;
}
export type RenderedMessage = RenderedEmail | RenderedSms | RenderedCard;

export type RenderConfig = Pick<NotificationConfig, 'brand' | 'publicBaseUrl' | 'unsubscribeSecret'> &
  Partial<Pick<NotificationConfig, 'customerLinks'>>;

function formatEstimate(value: string | undefined, locale: string, timeZone: string): string | undefined {
  if (!value) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const instant = new Date(dateOnly ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(instant.getTime())) return value;
  return dateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: dateOnly ? 'UTC' : knownTimeZoneOrUtc(timeZone),
  }).format(instant);
}

/** The order's status page, opened by an order link token. */
export function orderStatusUrl(config: RenderConfig, orderId: string, token: string): string {
  return `${config.brand.siteUrl}/track/${encodeURIComponent(orderId)}?t=${token}`;
}

function variablesFor(request: OrderNotificationRequest, config: RenderConfig, locale: string) {
  const catalog = catalogFor(locale);
  const orderUrl = orderStatusUrl(config, request.orderId, orderLinkToken(request, config.customerLinks));
  const count = request.order.itemCount;
  const plural = pluralRules(catalog.locale).select(count) === 'one' ? 'one' : 'other';
  const variables: TemplateVariables = {
    brandName: config.brand.name,
    customerName: request.customer.name,
    orderRef: request.order.externalId,
    itemCount: count,
    itemWord: catalog.layout.itemWord[plural],
    orderTotal:
      request.order.totalMinor !== undefined && request.order.currency
        ? formatMoney(request.order.totalMinor, request.order.currency, catalog.locale)
        : undefined,
    carrierName: carrierDisplayName(request.details.carrier),
    trackingNumber: request.details.trackingNumber,
    trackingUrl: carrierTrackingUrl(request.details.carrier, request.details.trackingNumber) ?? orderUrl,
    estimatedDelivery: formatEstimate(
      request.details.estimatedDelivery,
      catalog.locale,
      request.customer.timeZone,
    ),
    reason: request.details.reason,
    reasonSentence: request.details.reasonCode ? catalog.reasons[request.details.reasonCode] : undefined,
    windowEarliest: formatEstimate(request.details.deliveryWindow?.earliest, catalog.locale, 'UTC'),
    windowLatest: formatEstimate(request.details.deliveryWindow?.latest, catalog.locale, 'UTC'),
    promisedDelivery: formatEstimate(request.details.promisedDelivery, catalog.locale, 'UTC'),
    orderUrl,
    supportUrl: config.brand.supportUrl,
  };
  return { catalog, variables };
}

/** Renders one milestone for one channel in the customer's language (English when unknown). */
export function renderMessage(
  request: OrderNotificationRequest,
  channel: MessageChannel,
  config: RenderConfig,
  locale = request.customer.locale,
): RenderedMessage {
  const { catalog, variables } = variablesFor(request, config, locale);
  const wording = catalog.milestones[request.milestone];
  const text = (source: string) => renderText(source, variables).trim();

  switch (channel) {
    case 'email':
      return renderEmail(request, config, catalog, wording, variables);
    case 'sms': {
      const body = fitSmsSegments(`${text(wording.sms)} ${catalog.layout.stopNotice}`);
      return { channel, locale: catalog.locale, body, segments: countSmsSegments(body) };
    }
    case 'push':
    case 'in_app':
      return {
        channel,
        locale: catalog.locale,
        title: text(wording.title),
        body: text(wording.body),
        link: String(variables.orderUrl),
      };
  }
}

type Catalog = ReturnType<typeof catalogFor>;

function renderEmail(
  request: OrderNotificationRequest,
  config: RenderConfig,
  catalog: Catalog,
  wording: Catalog['milestones'][OrderNotificationRequest['milestone']],
  variables: TemplateVariables,
): RenderedEmail {
  const text = (source: string) => renderText(source, variables).trim();
  const unsubscribe = unsubscribeUrl(
    config.publicBaseUrl,
    request.customer.id,
    'email',
    customerLinkToken(request, config.customerLinks),
  );
  const hasTracking = Boolean(request.details.trackingNumber);
  const frame = {
    lang: catalog.locale,
    brandName: config.brand.name,
    subject: text(wording.subject),
    actionUrl: String(hasTracking ? variables.trackingUrl : variables.orderUrl),
    actionLabel: hasTracking ? catalog.layout.trackButton : catalog.layout.orderButton,
    unsubscribeUrl: unsubscribe,
    unsubscribeLabel: catalog.layout.unsubscribe,
  };
  const html = renderHtml(EMAIL_HTML_LAYOUT, {
    ...frame,
    title: renderHtml(wording.title, variables),
    greeting: renderHtml(catalog.layout.greeting, variables),
    body: renderHtml(wording.body, variables),
    footer: renderHtml(catalog.layout.footer, variables),
    help: renderHtml(catalog.layout.help, variables),
  });
  const plain = renderText(EMAIL_TEXT_LAYOUT, {
    ...frame,
    greeting: text(catalog.layout.greeting),
    body: text(wording.body),
    footer: text(catalog.layout.footer),
    help: text(catalog.layout.help),
  });
  return {
    channel: 'email',
    locale: catalog.locale,
    subject: frame.subject,
    html,
    text: plain,
    unsubscribeUrl: unsubscribe,
  };
}

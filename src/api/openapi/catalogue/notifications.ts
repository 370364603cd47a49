import { CUSTOMER_LINK, operator } from '../../../security/access';
import {
  idSchema,
  inboxItemIdSchema,
  listQuery as inboxListQuery,
} from '../../../notifications/inbox/router';
import { customerIdSchema, tokenSchema, updateSchema } from '../../../notifications/preferences/router';
import { linkSchema } from '../../../notifications/preferences/unsubscribe-router';
import { milestoneParam, previewQuery } from '../../../notifications/templates/preview-router';
import { pathText, type ApiOperation } from '../operation';
import { TOO_MANY_STREAMS, UNKNOWN_CUSTOMER, UNKNOWN_ORDER, linkTokenQuery } from '../customer-link-docs';

const TAG = 'Notifications';
const customer = { customerId: customerIdSchema };
const aCustomer = { customerId: 'c-1' };
const invalid = { 400: { description: 'The request is not valid.' } } as const;
/** The customer link every customer route needs, and the one answer when it is not valid. */
const customerLink = { query: linkTokenQuery };
const unknownCustomer = { 404: UNKNOWN_CUSTOMER };

/** Customer preferences and device tokens. */
const PREFERENCE_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/notifications/customers/:customerId/preferences',
    summary: 'A customer’s channels, locale, time zone and quiet hours',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: customer,
    ...customerLink,
    responses: { 200: { description: 'The preferences.', content: 'json' }, ...invalid, ...unknownCustomer },
    example: { params: aCustomer },
  },
  {
    method: 'put',
    path: '/notifications/customers/:customerId/preferences',
    summary: 'Change a customer’s preferences (only the fields given)',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: customer,
    ...customerLink,
    body: { schema: updateSchema },
    responses: {
      200: { description: 'The preferences after the change.', content: 'json' },
      ...invalid,
      ...unknownCustomer,
    },
    example: {
      params: aCustomer,
      body: {
        channels: ['email', 'push'],
        locale: 'de-DE',
        timeZone: 'Europe/Berlin',
        quietHours: { start: '22:00', end: '07:00' },
      },
    },
  },
  {
    method: 'get',
    path: '/notifications/customers/:customerId/push-tokens',
    summary: 'A customer’s registered devices',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: customer,
    ...customerLink,
    responses: { 200: { description: '`tokens`', content: 'json' }, ...invalid, ...unknownCustomer },
    example: { params: aCustomer },
  },
  {
    method: 'post',
    path: '/notifications/customers/:customerId/push-tokens',
    summary: 'Register a device’s FCM token',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: customer,
    ...customerLink,
    body: { schema: tokenSchema },
    responses: { 201: { description: 'Registered.', content: 'json' }, ...invalid, ...unknownCustomer },
    example: { params: aCustomer, body: { token: 'fcm-token-0123456789', platform: 'android' } },
  },
  {
    method: 'delete',
    path: '/notifications/customers/:customerId/push-tokens/:token',
    summary: 'Forget a device’s token',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: { customerId: pathText, token: pathText },
    ...customerLink,
    responses: {
      204: { description: 'Removed.' },
      404: { description: `No such token of this customer. ${UNKNOWN_CUSTOMER.description}` },
    },
    example: { params: { customerId: 'c-1', token: 'fcm-token-unknown' } },
  },
];

/** The in-app inbox, its live streams, unsubscribe links and template previews. */
const INBOX_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/notifications/customers/:customerId/inbox',
    summary: 'A customer’s in-app messages, newest first',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: { customerId: idSchema },
    query: inboxListQuery.extend(linkTokenQuery.shape),
    description: 'Only messages about orders of the channel account the link was issued for.',
    responses: { 200: { description: '`items`', content: 'json' }, ...invalid, ...unknownCustomer },
    example: { params: aCustomer, query: { limit: '20' } },
  },
  {
    method: 'post',
    path: '/notifications/customers/:customerId/inbox/:id/read',
    summary: 'Mark an in-app message read',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: { customerId: pathText, id: inboxItemIdSchema },
    ...customerLink,
    responses: {
      204: { description: 'Marked.' },
      ...invalid,
      404: { description: `No such message of this customer. ${UNKNOWN_CUSTOMER.description}` },
    },
    example: { params: { customerId: 'c-1', id: '1' } },
  },
  {
    method: 'get',
    path: '/notifications/customers/:customerId/inbox/stream',
    summary: 'A customer’s new in-app messages as they arrive',
    description: 'A reconnecting client sends Last-Event-ID and first gets what it missed.',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: { customerId: idSchema },
    ...customerLink,
    responses: {
      200: { description: 'Server-sent events.', content: 'event-stream' },
      ...invalid,
      ...unknownCustomer,
      ...TOO_MANY_STREAMS,
    },
    example: { params: aCustomer },
  },
  {
    method: 'get',
    path: '/notifications/orders/:orderId/inbox/stream',
    summary: 'An order’s new in-app messages as they arrive',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: { orderId: idSchema },
    query: linkTokenQuery,
    description: 'Needs the order’s link token, as the status page has it.',
    responses: {
      200: { description: 'Server-sent events.', content: 'event-stream' },
      ...invalid,
      404: UNKNOWN_ORDER,
      ...TOO_MANY_STREAMS,
    },
    example: { params: { orderId: 'web:acme:1001' } },
  },
  {
    method: 'get',
    path: '/notifications/unsubscribe',
    summary: 'Confirmation page of an unsubscribe link (changes nothing)',
    description:
      'The link carries the customer link token in `t`; links sent before customer links carry `signature` instead.',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    query: linkSchema,
    responses: {
      200: { description: 'A form that confirms.', content: 'html' },
      ...invalid,
      ...unknownCustomer,
    },
    example: { query: { customer: 'c-1', channel: 'email', t: 'not-a-valid-link' } },
  },
  {
    method: 'post',
    path: '/notifications/unsubscribe',
    summary: 'Unsubscribe by a link (also the RFC 8058 one-click target)',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    query: linkSchema,
    body: { content: 'form', required: false, description: 'List-Unsubscribe=One-Click, or nothing.' },
    responses: {
      200: { description: 'Unsubscribed: JSON when asked for, else a page.', content: 'json' },
      ...invalid,
      ...unknownCustomer,
    },
    example: { query: { customer: 'c-1', channel: 'sms', t: 'not-a-valid-link' } },
  },
  {
    method: 'get',
    path: '/notifications/preview/:milestone',
    summary: 'Render a milestone’s message as a customer would get it',
    tag: TAG,
    audience: 'ops',
    access: operator('notifications:ops'),
    params: { milestone: milestoneParam },
    query: previewQuery,
    responses: {
      200: { description: 'The message as JSON, or the email’s HTML or text (`format`).', content: 'json' },
      ...invalid,
    },
    example: { params: { milestone: 'shipped' }, query: { channel: 'email', locale: 'de', format: 'json' } },
  },
];

export const NOTIFICATION_OPERATIONS: ApiOperation[] = [...PREFERENCE_OPERATIONS, ...INBOX_OPERATIONS];

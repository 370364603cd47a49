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

const TAG = 'Notifications';
const customer = { customerId: customerIdSchema };
const aCustomer = { customerId: 'c-1' };
const invalid = { 400: { description: 'The request is not valid.' } } as const;

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
    responses: { 200: { description: 'The preferences.', content: 'json' }, ...invalid },
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
    body: { schema: updateSchema },
    responses: { 200: { description: 'The preferences after the change.', content: 'json' }, ...invalid },
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
    responses: { 200: { description: '`tokens`', content: 'json' }, ...invalid },
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
    body: { schema: tokenSchema },
    responses: { 201: { description: 'Registered.', content: 'json' }, ...invalid },
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
    responses: { 204: { description: 'Removed.' }, 404: { description: 'No such token.' } },
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
    query: inboxListQuery,
    responses: { 200: { description: '`items`', content: 'json' }, ...invalid },
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
    responses: { 204: { description: 'Marked.' }, ...invalid, 404: { description: 'No such message.' } },
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
    responses: { 200: { description: 'Server-sent events.', content: 'event-stream' }, ...invalid },
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
    responses: { 200: { description: 'Server-sent events.', content: 'event-stream' }, ...invalid },
    example: { params: { orderId: 'web:acme:1001' } },
  },
  {
    method: 'get',
    path: '/notifications/unsubscribe',
    summary: 'Confirmation page of a signed unsubscribe link (changes nothing)',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    query: linkSchema,
    responses: {
      200: { description: 'A form that confirms.', content: 'html' },
      ...invalid,
      403: { description: 'The link’s signature is not valid.' },
    },
    example: { query: { customer: 'c-1', channel: 'email', signature: 'not-a-valid-signature' } },
  },
  {
    method: 'post',
    path: '/notifications/unsubscribe',
    summary: 'Unsubscribe by a signed link (also the RFC 8058 one-click target)',
    tag: TAG,
    audience: 'customer',
    access: CUSTOMER_LINK,
    query: linkSchema,
    body: { content: 'form', required: false, description: 'List-Unsubscribe=One-Click, or nothing.' },
    responses: {
      200: { description: 'Unsubscribed: JSON when asked for, else a page.', content: 'json' },
      ...invalid,
      403: { description: 'The link’s signature is not valid.' },
    },
    example: { query: { customer: 'c-1', channel: 'sms', signature: 'not-a-valid-signature' } },
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

import { auditedOperator, operator } from '../../../security/access';
import { deliveriesQuery, idParam, listQuery as notificationDeadLetterQuery } from '../../ops/notifications';
import { exceptionsQuery, projectionFailuresQuery } from '../../ops/exceptions';
import { recoveryRequestSchema } from '../../ops/orders';
import { pathText, type ApiOperation } from '../operation';

const deadLetter = { id: idParam };

/** The read model's sync check, notification delivery and unknown tracking numbers. */
export const OPS_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/ops/sync-check',
    summary: 'Compare the read model with every order workflow’s state',
    tag: 'Ops: orders',
    audience: 'ops',
    access: operator('orders:read'),
    responses: {
      200: { description: 'In sync.', content: 'json' },
      409: { description: 'Out of sync: the problem lists the mismatches.' },
    },
  },
  {
    method: 'get',
    path: '/ops/exceptions',
    summary: 'Open order exceptions (missed stage deadlines, stalled shipments), most urgent first',
    description:
      'Ordered by priority (urgent, high, normal), then impact: order value, lateness in minutes, customer tier.',
    tag: 'Ops: orders',
    audience: 'ops',
    access: operator('orders:read'),
    query: exceptionsQuery,
    responses: { 200: { description: '`exceptions`', content: 'json' }, 400: { description: 'Bad query.' } },
    example: { query: { limit: '20' } },
  },
  {
    method: 'get',
    path: '/ops/projection-failures',
    summary: 'Read-model writes PostgreSQL refused for their data, newest first',
    description:
      'One row per order and version the read model could not take (SQLSTATE class 22 or 23). The order went on without it; the next version written brings the read model up to date, or fails here too.',
    tag: 'Ops: orders',
    audience: 'ops',
    access: operator('orders:read'),
    query: projectionFailuresQuery,
    responses: { 200: { description: '`failures`', content: 'json' }, 400: { description: 'Bad query.' } },
    example: { query: { limit: '20', orderId: 'web:acme:1001' } },
  },
  {
    method: 'get',
    path: '/ops/orders/:id/recovery',
    summary:
      'What ops can do for an order at risk of missing its promise, with each action’s predicted effect',
    description:
      'Upgrade the parcel’s service, reship today or only keep the customer informed, best first (lowest predicted late probability), with the current forecast and the promise.',
    tag: 'Ops: orders',
    audience: 'ops',
    access: operator('orders:read'),
    params: { id: pathText },
    responses: {
      200: { description: '`forecast`, `actions`', content: 'json' },
      404: { description: 'No such order.' },
      409: { description: 'The order has no delivery forecast (not shipped, or no model).' },
    },
    example: { params: { id: 'web:acme:1001' } },
  },
  {
    method: 'post',
    path: '/ops/orders/:id/recovery',
    summary: 'Apply one of the recommended recovery actions to an order at risk',
    description:
      'The order workflow validates the action (the order is at risk, its parcel in flight, the service one the account has) and records it with its predicted effect.',
    tag: 'Ops: orders',
    audience: 'ops',
    access: auditedOperator('order.recovery', 'orders:write'),
    params: { id: pathText },
    body: { schema: recoveryRequestSchema },
    responses: {
      200: {
        description: 'Applied, or a duplicate (`outcome`), with the action and the order.',
        content: 'json',
      },
      400: { description: 'The body is not valid (an unknown action).' },
      404: { description: 'No such order.' },
      409: {
        description:
          'Not recommended now, no forecast, or refused by the order (not at risk, not in flight).',
      },
    },
    example: {
      params: { id: 'web:acme:1001' },
      body: {
        eventId: 'recovery-1',
        action: 'upgrade_service',
        service: 'UPS Next Day Air',
      },
    },
  },
  {
    method: 'get',
    path: '/ops/notifications/dead-letters',
    summary: 'Messages that could not be delivered on any channel',
    tag: 'Ops: notifications',
    audience: 'ops',
    access: operator('notifications:ops'),
    query: notificationDeadLetterQuery,
    responses: { 200: { description: '`deadLetters`', content: 'json' }, 400: { description: 'Bad query.' } },
    example: { query: { status: 'open' } },
  },
  {
    method: 'get',
    path: '/ops/notifications/dead-letters/:id',
    summary: 'One undelivered message with its attempts',
    tag: 'Ops: notifications',
    audience: 'ops',
    access: operator('notifications:ops'),
    params: deadLetter,
    responses: {
      200: { description: 'The dead letter.', content: 'json' },
      400: { description: 'Bad ID.' },
      404: { description: 'No such dead letter.' },
    },
    example: { params: { id: '1' } },
  },
  {
    method: 'post',
    path: '/ops/notifications/dead-letters/:id/replay',
    summary: 'Deliver an undelivered message again (a redelivery workflow)',
    tag: 'Ops: notifications',
    audience: 'ops',
    access: auditedOperator('notification-dead-letter.replay', 'notifications:ops'),
    params: deadLetter,
    responses: {
      202: { description: 'The redelivery workflow started.', content: 'json' },
      400: { description: 'Bad ID.' },
      404: { description: 'No such dead letter.' },
      409: { description: 'The dead letter is not open.' },
    },
    example: { params: { id: '1' } },
  },
  {
    method: 'get',
    path: '/ops/notifications/deliveries',
    summary: 'Message deliveries of an order or a customer',
    tag: 'Ops: notifications',
    audience: 'ops',
    access: operator('notifications:ops'),
    query: deliveriesQuery,
    responses: { 200: { description: '`deliveries`', content: 'json' }, 400: { description: 'Bad query.' } },
    example: { query: { orderId: 'web:acme:1001' } },
  },
  {
    method: 'get',
    path: '/ops/tracking/unknown',
    summary: 'Carrier events for tracking numbers no order owns, most recent first',
    tag: 'Ops: tracking',
    audience: 'ops',
    access: operator('orders:read'),
    responses: { 200: { description: '`items`', content: 'json' } },
  },
];

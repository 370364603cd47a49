import { deliveriesQuery, idParam, listQuery as notificationDeadLetterQuery } from '../../ops/notifications';
import { exceptionsQuery } from '../../ops/exceptions';
import type { ApiOperation } from '../operation';

const deadLetter = { id: idParam };

/** The read model's sync check, notification delivery and unknown tracking numbers. */
export const OPS_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/ops/sync-check',
    summary: 'Compare the read model with every order workflow’s state',
    tag: 'Ops: orders',
    audience: 'ops',
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
    query: exceptionsQuery,
    responses: { 200: { description: '`exceptions`', content: 'json' }, 400: { description: 'Bad query.' } },
    example: { query: { limit: '20' } },
  },
  {
    method: 'get',
    path: '/ops/notifications/dead-letters',
    summary: 'Messages that could not be delivered on any channel',
    tag: 'Ops: notifications',
    audience: 'ops',
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
    responses: { 200: { description: '`items`', content: 'json' } },
  },
];

import { CUSTOMER_LINK, PUBLIC, operator } from '../../../security/access';
import { orderIdSchema } from '../../../status-page/routes';
import type { ApiOperation } from '../operation';
import { TOO_MANY_STREAMS, UNKNOWN_ORDER, linkTokenQuery } from '../customer-link-docs';

/** Liveness, readiness and this document. */
export const SERVICE_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tag: 'Service',
    audience: 'anyone',
    access: PUBLIC,
    responses: { 200: { description: '`{"status":"ok"}`', content: 'json' } },
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: PostgreSQL and Temporal reachable',
    tag: 'Service',
    audience: 'anyone',
    access: PUBLIC,
    responses: {
      200: { description: 'Ready, with each check.', content: 'json' },
      503: { description: 'Not ready, with the failing check.', content: 'json' },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of this process',
    tag: 'Service',
    audience: 'anyone',
    access: operator('metrics:read'),
    responses: { 200: { description: 'Prometheus text exposition format.', content: 'text' } },
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This API document (OpenAPI 3.1)',
    tag: 'Service',
    audience: 'anyone',
    access: PUBLIC,
    responses: { 200: { description: 'The document.', content: 'json' } },
  },
  {
    method: 'get',
    path: '/docs',
    summary: 'The API document as a page to read',
    tag: 'Service',
    audience: 'anyone',
    access: PUBLIC,
    responses: {
      200: { description: 'Operations by tag with their schemas and examples.', content: 'html' },
    },
  },
];

const trackedOrder = { orderId: orderIdSchema };
const orderLink = { query: linkTokenQuery };
const anOrder = { orderId: 'web:acme:1001' };

/** The customer's live status page and its data. */
export const STATUS_PAGE_OPERATIONS: ApiOperation[] = [
  {
    method: 'get',
    path: '/track/assets/status-page.css',
    summary: 'The status page’s styles',
    tag: 'Status page',
    audience: 'customer',
    access: PUBLIC,
    responses: { 200: { description: 'CSS.', content: 'css' } },
  },
  {
    method: 'get',
    path: '/track/assets/status-page.js',
    summary: 'The status page’s script',
    tag: 'Status page',
    audience: 'customer',
    access: PUBLIC,
    responses: { 200: { description: 'JavaScript.', content: 'javascript' } },
  },
  {
    method: 'get',
    path: '/track/:orderId',
    summary: 'The live status page of an order',
    tag: 'Status page',
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: trackedOrder,
    ...orderLink,
    responses: {
      200: { description: 'The page.', content: 'html' },
      404: {
        ...UNKNOWN_ORDER,
        description: `A page saying the order is not known. ${UNKNOWN_ORDER.description}`,
        content: 'html',
      },
    },
    example: { params: anOrder },
  },
  {
    method: 'get',
    path: '/track/:orderId/status.json',
    summary: 'The customer’s view of an order',
    tag: 'Status page',
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: trackedOrder,
    ...orderLink,
    responses: {
      200: { description: 'Status, progress, shipments and what happens next.', content: 'json' },
      400: { description: 'The order ID is not valid.' },
      404: UNKNOWN_ORDER,
    },
    example: { params: anOrder },
  },
  {
    method: 'get',
    path: '/track/:orderId/events',
    summary: 'The customer’s view of an order, again whenever it changes',
    tag: 'Status page',
    audience: 'customer',
    access: CUSTOMER_LINK,
    params: trackedOrder,
    ...orderLink,
    responses: {
      200: { description: 'Server-sent events, one view each.', content: 'event-stream' },
      400: { description: 'The order ID is not valid.' },
      404: UNKNOWN_ORDER,
      ...TOO_MANY_STREAMS,
    },
    example: { params: anOrder },
  },
];

import { API_OPERATIONS } from '../../../src/api/openapi/catalogue';
import { checkSync } from '../../../src/orders/sync-check';
import { eventually } from '../http';
import { sampleOrder } from '../orders';
import type { Credentials, WireRequest } from './requests';
import type { FuzzStack } from './fuzz-stack';

/** Sends a well-formed request to a catalogue route with valid credentials; answers status and JSON. */
async function call(
  fuzz: FuzzStack,
  credentials: Credentials,
  route: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const operation = API_OPERATIONS.find((op) => `${op.method.toUpperCase()} ${op.path}` === route);
  if (!operation) throw new Error(`${route} is not in the catalogue`);
  const request: WireRequest = {
    operation: route,
    method: operation.method.toUpperCase(),
    path,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    params: {},
  };
  request.headers = { ...request.headers, ...credentials(operation, request, 'valid') };
  const answer = await fetch(`${fuzz.baseUrl}${path}`, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  const text = await answer.text();
  return {
    status: answer.status,
    json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/** A new order submitted over HTTP, reserved, picked, packed and shipped: what fails, if anything. */
export async function normalOrderFlow(fuzz: FuzzStack, credentials: Credentials): Promise<string[]> {
  // A SKU the catalogue examples do not name, so hostile stock counts cannot have emptied it.
  const submission = sampleOrder({
    externalId: `AFTER-${Date.now()}`,
    promisedDeliveryDate: '2027-01-15',
    lines: [{ sku: 'SKU-TEE', name: 'Tee', quantity: 1, unitPriceMinor: 2000 }],
  });
  const created = await call(fuzz, credentials, 'POST /orders', '/orders', submission);
  if (created.status !== 201)
    return [`POST /orders answered ${created.status}: ${JSON.stringify(created.json)}`];
  const orderId = String(created.json.orderId);
  const path = `/orders/${encodeURIComponent(orderId)}`;
  const problems: string[] = [];
  try {
    await eventually(async () =>
      (await call(fuzz, credentials, 'GET /orders/:id', path)).json.status === 'reserved' ? true : undefined,
    );
  } catch (error) {
    return [`the new order ${orderId} was not reserved: ${String(error)}`];
  }
  const events = [
    { eventId: 'picked-1', type: 'picked' },
    { eventId: 'packed-1', type: 'packed' },
    { eventId: 'shipped-1', type: 'shipped', carrier: 'ups', service: 'standard' },
  ];
  for (const event of events) {
    const answer = await call(fuzz, credentials, 'POST /orders/:id/events', `${path}/events`, event);
    if (answer.status !== 200)
      problems.push(`${event.type} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  }
  return problems;
}

/** Read model against every workflow: each difference, by order. */
export async function syncProblems(fuzz: FuzzStack): Promise<string[]> {
  const report = await checkSync(fuzz.stack.database.db, fuzz.stack.env.client, {
    settleMs: 1_000,
    rechecks: 5,
  });
  return report.mismatches.map((m) => `${m.orderId}: ${m.problem}`);
}

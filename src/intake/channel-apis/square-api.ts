import { getJson } from './http';

export interface SquareAccount {
  apiBaseUrl: string;
  accessToken: string;
  locationIds: string[];
}

const SQUARE_VERSION = '2024-07-17';

function headers(account: SquareAccount): Record<string, string> {
  return {
    authorization: `Bearer ${account.accessToken}`,
    'square-version': SQUARE_VERSION,
    'content-type': 'application/json',
  };
}

/** GET /v2/orders/{order_id}: the order object. */
export async function retrieveOrder(account: SquareAccount, orderId: string): Promise<unknown> {
  const body = await getJson(`${account.apiBaseUrl}/v2/orders/${encodeURIComponent(orderId)}`, {
    headers: headers(account),
  });
  return (body as { order?: unknown } | null)?.order;
}

/** POST /v2/orders/search for orders created since a time, following the cursor. */
export async function searchOrdersCreatedAfter(account: SquareAccount, startAt: string): Promise<unknown[]> {
  const orders: unknown[] = [];
  let cursor: string | undefined;
  do {
    const body = await getJson(`${account.apiBaseUrl}/v2/orders/search`, {
      method: 'POST',
      headers: headers(account),
      body: JSON.stringify({
        location_ids: account.locationIds,
        cursor,
        query: { filter: { date_time_filter: { created_at: { start_at: startAt } } } },
      }),
    });
    const page = (body ?? {}) as { orders?: unknown; cursor?: unknown };
    if (Array.isArray(page.orders)) orders.push(...(page.orders as unknown[]));
    cursor = typeof page.cursor === 'string' ? page.cursor : undefined;
  } while (cursor);
  return orders;
}

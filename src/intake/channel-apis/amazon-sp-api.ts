import { getJson } from './http';

export interface SpApiAccount {
  apiBaseUrl: string;
  accessToken: string;
  marketplaceIds: string[];
}

function headers(account: SpApiAccount): Record<string, string> {
  return { 'x-amz-access-token': account.accessToken, accept: 'application/json' };
}

function payloadOf(body: unknown): Record<string, unknown> {
  const payload = (body as { payload?: unknown } | null)?.payload;
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}

/** Orders API v0 getOrder: the order's payload object. */
export async function getOrder(account: SpApiAccount, amazonOrderId: string): Promise<unknown> {
  const url = `${account.apiBaseUrl}/orders/v0/orders/${encodeURIComponent(amazonOrderId)}`;
  return payloadOf(await getJson(url, { headers: headers(account) }));
}

/** Orders API v0 getOrderItems, following NextToken: the OrderItems array. */
export async function getOrderItems(account: SpApiAccount, amazonOrderId: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let nextToken: string | undefined;
  do {
    const query = nextToken ? `?NextToken=${encodeURIComponent(nextToken)}` : '';
    const url = `${account.apiBaseUrl}/orders/v0/orders/${encodeURIComponent(amazonOrderId)}/orderItems${query}`;
    const payload = payloadOf(await getJson(url, { headers: headers(account) }));
    if (Array.isArray(payload.OrderItems)) items.push(...(payload.OrderItems as unknown[]));
    nextToken = typeof payload.NextToken === 'string' ? payload.NextToken : undefined;
  } while (nextToken);
  return items;
}

/** Orders API v0 getOrders created after a time, following NextToken. */
export async function listOrdersCreatedAfter(
  account: SpApiAccount,
  createdAfter: string,
): Promise<unknown[]> {
  const orders: unknown[] = [];
  let nextToken: string | undefined;
  do {
    const params = new URLSearchParams({ MarketplaceIds: account.marketplaceIds.join(',') });
    if (nextToken) params.set('NextToken', nextToken);
    else params.set('CreatedAfter', createdAfter);
    const payload = payloadOf(
      await getJson(`${account.apiBaseUrl}/orders/v0/orders?${params}`, { headers: headers(account) }),
    );
    if (Array.isArray(payload.Orders)) orders.push(...(payload.Orders as unknown[]));
    nextToken = typeof payload.NextToken === 'string' ? payload.NextToken : undefined;
  } while (nextToken);
  return orders;
}

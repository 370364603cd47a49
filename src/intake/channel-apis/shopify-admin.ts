import { getJson } from './http';

export interface ShopifyAdminAccount {
  adminApiBaseUrl: string;
  accessToken: string;
}

const API_VERSION = '2024-07';

/** Admin REST GET /admin/api/{version}/orders.json?status=any&created_at_min=… (one page of up to 250). */
export async function listOrdersCreatedAfter(
  account: ShopifyAdminAccount,
  createdAtMin: string,
): Promise<unknown[]> {
  const params = new URLSearchParams({ status: 'any', created_at_min: createdAtMin, limit: '250' });
  const body = await getJson(`${account.adminApiBaseUrl}/admin/api/${API_VERSION}/orders.json?${params}`, {
    headers: { 'x-shopify-access-token': account.accessToken, accept: 'application/json' },
  });
  const orders = (body as { orders?: unknown } | null)?.orders;
  return Array.isArray(orders) ? (orders as unknown[]) : [];
}

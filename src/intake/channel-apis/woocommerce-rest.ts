import { getJson } from './http';

export interface WooRestAccount {
  apiBaseUrl: string;
  consumerKey: string;
  consumerSecret: string;
}

/** REST v3 GET /wp-json/wc/v3/orders?after=…, paging until a short page. */
export async function listOrdersCreatedAfter(account: WooRestAccount, after: string): Promise<unknown[]> {
  const orders: unknown[] = [];
  const auth = Buffer.from(`${account.consumerKey}:${account.consumerSecret}`).toString('base64');
  for (let page = 1; page <= 50; page += 1) {
    const params = new URLSearchParams({ after, per_page: '100', page: String(page) });
    const body = await getJson(`${account.apiBaseUrl}/wp-json/wc/v3/orders?${params}`, {
      headers: { authorization: `Basic ${auth}`, accept: 'application/json' },
    });
    if (!Array.isArray(body)) break;
    orders.push(...(body as unknown[]));
    if (body.length < 100) break;
  }
  return orders;
}

import express, { type Express, type Request } from 'express';
import { mountAmazonSpApi, type AmazonEntry } from './amazon-sp-api';

/**
 * Local stand-ins for the channels' order APIs, speaking their wire formats: Shopify Admin REST,
 * WooCommerce REST v3, Amazon SP-API Orders v0 (with Restricted Data Tokens) and Square Orders. Orders are seeded by tests and the
 * demo; webhooks for them are built with ./webhooks.
 */
export interface ChannelSimulator {
  app: Express;
  shopify: { addOrder(shop: string, order: Record<string, unknown>): void };
  woocommerce: { addOrder(store: string, order: Record<string, unknown>): void };
  /** Orders are filed under the seller's SP-API access token. */
  amazon: { addOrder(accessToken: string, order: Record<string, unknown>, items: unknown[]): void };
  /** Orders are filed under the merchant's access token. */
  square: { addOrder(accessToken: string, order: Record<string, unknown>): void };
  /** How many API calls each route answered (for tests of fetch-on-webhook and dedupe). */
  calls: Map<string, number>;
}

function bucket<T>(map: Map<string, T[]>, key: string): T[] {
  const list = map.get(key) ?? [];
  map.set(key, list);
  return list;
}

function createdAfter(value: unknown, since: string | undefined): boolean {
  if (!since) return true;
  return typeof value === 'string' && Date.parse(value) >= Date.parse(since);
}

function bearer(req: Request): string {
  return /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '';
}

export function createChannelSimulator(): ChannelSimulator {
  const shopifyOrders = new Map<string, Array<Record<string, unknown>>>();
  const wooOrders = new Map<string, Array<Record<string, unknown>>>();
  const amazonOrders = new Map<string, AmazonEntry[]>();
  const squareOrders = new Map<string, Array<Record<string, unknown>>>();
  const calls = new Map<string, number>();
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
      const key = `${req.method} ${route}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
    });
    next();
  });

  app.get('/shopify/:shop/admin/api/:version/orders.json', (req, res) => {
    if (!req.get('x-shopify-access-token')) {
      res
        .status(401)
        .json({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
      return;
    }
    const since = typeof req.query.created_at_min === 'string' ? req.query.created_at_min : undefined;
    const orders = bucket(shopifyOrders, String(req.params.shop)).filter((o) =>
      createdAfter(o.created_at, since),
    );
    res.json({ orders: orders.slice(0, Number(req.query.limit ?? 50)) });
  });

  app.get('/woocommerce/:store/wp-json/wc/v3/orders', (req, res) => {
    if (!/^Basic /.test(req.get('authorization') ?? '')) {
      res.status(401).json({
        code: 'woocommerce_rest_cannot_view',
        message: 'Sorry, you cannot list resources.',
        data: { status: 401 },
      });
      return;
    }
    const since = typeof req.query.after === 'string' ? req.query.after : undefined;
    const perPage = Number(req.query.per_page ?? 10);
    const page = Number(req.query.page ?? 1);
    const orders = bucket(wooOrders, String(req.params.store)).filter((o) =>
      createdAfter(typeof o.date_created_gmt === 'string' ? `${o.date_created_gmt}Z` : undefined, since),
    );
    res.json(orders.slice((page - 1) * perPage, page * perPage));
  });

  mountAmazonSpApi(app, amazonOrders);

  const squareError = (category: string, code: string, detail: string) => ({
    errors: [{ category, code, detail }],
  });
  app.get('/square/v2/orders/:orderId', (req, res) => {
    const order = bucket(squareOrders, bearer(req)).find((o) => o.id === req.params.orderId);
    if (!order)
      res
        .status(404)
        .json(squareError('INVALID_REQUEST_ERROR', 'NOT_FOUND', `Order ${req.params.orderId} not found`));
    else res.json({ order });
  });
  app.post('/square/v2/orders/search', (req, res) => {
    const since = (
      req.body as { query?: { filter?: { date_time_filter?: { created_at?: { start_at?: string } } } } }
    )?.query?.filter?.date_time_filter?.created_at?.start_at;
    res.json({ orders: bucket(squareOrders, bearer(req)).filter((o) => createdAfter(o.created_at, since)) });
  });

  return {
    app,
    calls,
    shopify: { addOrder: (shop, order) => bucket(shopifyOrders, shop).push(order) },
    woocommerce: { addOrder: (store, order) => bucket(wooOrders, store).push(order) },
    amazon: { addOrder: (token, order, items) => bucket(amazonOrders, token).push({ order, items }) },
    square: { addOrder: (token, order) => bucket(squareOrders, token).push(order) },
  };
}

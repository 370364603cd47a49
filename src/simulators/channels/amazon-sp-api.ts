import { randomBytes } from 'node:crypto';
import type { Express, Request, Response } from 'express';

export interface AmazonEntry {
  order: Record<string, unknown>;
  items: unknown[];
}

interface RestrictedDataToken {
  sellerToken: string;
  method: string;
  path: string;
  dataElements: Set<string>;
  expiresAt: number;
}

const RDT_LIFETIME_SECONDS = 3600;
const DATA_ELEMENTS = new Set(['buyerInfo', 'shippingAddress', 'buyerTaxInformation']);
/** What getOrder shows of the address without a Restricted Data Token. */
const PUBLIC_ADDRESS_FIELDS = ['City', 'StateOrRegion', 'PostalCode', 'CountryCode'];

const amazonError = (code: string, message: string) => ({ errors: [{ code, message }] });

function withoutPersonalData(order: Record<string, unknown>, granted: Set<string>): Record<string, unknown> {
  const shown = { ...order };
  if (!granted.has('buyerInfo')) delete shown.BuyerInfo;
  const address = order.ShippingAddress as Record<string, unknown> | undefined;
  if (address && !granted.has('shippingAddress')) {
    shown.ShippingAddress = Object.fromEntries(
      Object.entries(address).filter(([key]) => PUBLIC_ADDRESS_FIELDS.includes(key)),
    );
  }
  return shown;
}

/**
 * SP-API Orders v0 and Tokens 2021-03-01 as the real API behaves: orders are filed under the
 * seller's LWA access token; getOrder shows the buyer's contact and shipping address only to a
 * Restricted Data Token issued for that order's path with those data elements.
 */
export function mountAmazonSpApi(app: Express, orders: Map<string, AmazonEntry[]>): void {
  const tokens = new Map<string, RestrictedDataToken>();
  const sellerOrders = (token: string): AmazonEntry[] | undefined => orders.get(token);

  app.post('/amazon/tokens/2021-03-01/restrictedDataToken', (req: Request, res: Response) => {
    const sellerToken = req.get('x-amz-access-token') ?? '';
    if (!sellerOrders(sellerToken)) {
      res.status(403).json(amazonError('Unauthorized', 'Access to requested resource is denied.'));
      return;
    }
    const resources = (req.body as { restrictedResources?: unknown } | null)?.restrictedResources;
    const resource = Array.isArray(resources) ? (resources[0] as Record<string, unknown>) : undefined;
    const elements = Array.isArray(resource?.dataElements) ? (resource.dataElements as unknown[]) : [];
    if (
      !resource ||
      typeof resource.path !== 'string' ||
      typeof resource.method !== 'string' ||
      !elements.every((element) => typeof element === 'string' && DATA_ELEMENTS.has(element))
    ) {
      res.status(400).json(amazonError('InvalidInput', 'Invalid restrictedResources.'));
      return;
    }
    const restrictedDataToken = `Atz.sprdt|${randomBytes(24).toString('base64url')}`;
    tokens.set(restrictedDataToken, {
      sellerToken,
      method: resource.method,
      path: resource.path,
      dataElements: new Set(elements as string[]),
      expiresAt: Date.now() + RDT_LIFETIME_SECONDS * 1000,
    });
    res.json({ restrictedDataToken, expiresIn: RDT_LIFETIME_SECONDS });
  });

  /** The seller's orders and the data elements the presented token unlocks for this request. */
  const access = (req: Request): { entries: AmazonEntry[]; granted: Set<string> } | undefined => {
    const presented = req.get('x-amz-access-token') ?? '';
    const rdt = tokens.get(presented);
    if (rdt) {
      const valid =
        rdt.expiresAt > Date.now() &&
        rdt.method === req.method &&
        rdt.path === req.path.slice('/amazon'.length);
      const entries = valid ? sellerOrders(rdt.sellerToken) : undefined;
      return entries ? { entries, granted: rdt.dataElements } : undefined;
    }
    const entries = sellerOrders(presented);
    return entries ? { entries, granted: new Set() } : undefined;
  };
  const denied = (res: Response) =>
    res.status(403).json(amazonError('Unauthorized', 'Access to requested resource is denied.'));
  const find = (entries: AmazonEntry[], orderId: unknown) =>
    entries.find((entry) => entry.order.AmazonOrderId === orderId);

  app.get('/amazon/orders/v0/orders', (req, res) => {
    const granted = access(req);
    if (!granted) return void denied(res);
    const since = typeof req.query.CreatedAfter === 'string' ? Date.parse(req.query.CreatedAfter) : undefined;
    const listed = granted.entries
      .filter((entry) => since === undefined || Date.parse(String(entry.order.PurchaseDate)) >= since)
      .map((entry) => withoutPersonalData(entry.order, new Set()));
    res.json({ payload: { Orders: listed, CreatedBefore: new Date().toISOString() } });
  });
  app.get('/amazon/orders/v0/orders/:orderId', (req, res) => {
    const granted = access(req);
    if (!granted) return void denied(res);
    const entry = find(granted.entries, req.params.orderId);
    if (!entry) res.status(404).json(amazonError('NotFound', `Order ${req.params.orderId} not found`));
    else res.json({ payload: withoutPersonalData(entry.order, granted.granted) });
  });
  app.get('/amazon/orders/v0/orders/:orderId/orderItems', (req, res) => {
    const granted = access(req);
    if (!granted) return void denied(res);
    const entry = find(granted.entries, req.params.orderId);
    if (!entry) res.status(404).json(amazonError('NotFound', `Order ${req.params.orderId} not found`));
    else res.json({ payload: { AmazonOrderId: req.params.orderId, OrderItems: entry.items } });
  });
}

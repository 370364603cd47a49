import { z } from 'zod';
import { optionalText } from '../channels/common';
import { ChannelApiError, getJson } from './http';

export interface SpApiAccount {
  apiBaseUrl: string;
  accessToken: string;
  marketplaceIds: string[];
}

/** The Orders API's answers (v0), the fields the intake reads. */
const moneySchema = z.object({ CurrencyCode: z.string(), Amount: z.string() });

/** getOrder payload (Orders API v0). */
export const amazonOrderSchema = z.object({
  AmazonOrderId: z.string(),
  PurchaseDate: z.string(),
  LastUpdateDate: z.string().optional(),
  OrderStatus: z.enum([
    'PendingAvailability',
    'Pending',
    'Unshipped',
    'PartiallyShipped',
    'Shipped',
    'InvoiceUnconfirmed',
    'Canceled',
    'Unfulfillable',
  ]),
  OrderTotal: moneySchema.optional(),
  /** AFN: Fulfilled by Amazon; MFN: the seller ships. */
  FulfillmentChannel: z.enum(['AFN', 'MFN']).optional(),
  ShipmentServiceLevelCategory: optionalText,
  ShipServiceLevel: optionalText,
  LatestDeliveryDate: optionalText,
  IsPrime: z.boolean().optional(),
  IsBusinessOrder: z.boolean().optional(),
  IsPremiumOrder: z.boolean().optional(),
  BuyerInfo: z.object({ BuyerEmail: optionalText, BuyerName: optionalText }).partial().nullish(),
  ShippingAddress: z
    .object({
      Name: optionalText,
      AddressLine1: optionalText,
      AddressLine2: optionalText,
      City: optionalText,
      StateOrRegion: optionalText,
      PostalCode: optionalText,
      CountryCode: optionalText,
      Phone: optionalText,
    })
    .nullish(),
});
export type AmazonOrder = z.infer<typeof amazonOrderSchema>;

/** getOrderItems payload items. ItemPrice is for the whole quantity, not per unit. */
export const amazonOrderItemSchema = z.object({
  SellerSKU: optionalText,
  ASIN: z.string(),
  Title: optionalText,
  QuantityOrdered: z.number().int(),
  ItemPrice: moneySchema.optional(),
  ShippingPrice: moneySchema.optional(),
  ItemTax: moneySchema.optional(),
  ShippingTax: moneySchema.optional(),
  PromotionDiscount: moneySchema.optional(),
  ShippingDiscount: moneySchema.optional(),
});
export type AmazonOrderItem = z.infer<typeof amazonOrderItemSchema>;

function headers(account: SpApiAccount): Record<string, string> {
  return { 'x-amz-access-token': account.accessToken, accept: 'application/json' };
}

function payloadOf(body: unknown): Record<string, unknown> {
  const payload = (body as { payload?: unknown } | null)?.payload;
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}

/** The personal data getOrder returns only to a Restricted Data Token that names them. */
export const GET_ORDER_DATA_ELEMENTS = ['buyerInfo', 'shippingAddress'] as const;

/**
 * Tokens API 2021-03-01 createRestrictedDataToken: a short-lived token that unlocks the named data
 * elements of one restricted operation (method and path).
 */
export async function createRestrictedDataToken(
  account: SpApiAccount,
  resource: { method: 'GET'; path: string; dataElements: readonly string[] },
): Promise<string> {
  const body = await getJson(`${account.apiBaseUrl}/tokens/2021-03-01/restrictedDataToken`, {
    method: 'POST',
    headers: { ...headers(account), 'content-type': 'application/json' },
    body: JSON.stringify({
      restrictedResources: [{ ...resource, dataElements: [...resource.dataElements] }],
    }),
  });
  const token = (body as { restrictedDataToken?: unknown } | null)?.restrictedDataToken;
  if (typeof token !== 'string' || token === '') {
    throw new ChannelApiError('createRestrictedDataToken answered no restrictedDataToken', 200, false);
  }
  return token;
}

/**
 * Orders API v0 getOrder: the order's payload object, with the buyer's contact and shipping address,
 * which Amazon returns only when the call carries a Restricted Data Token for them.
 */
export async function getOrder(account: SpApiAccount, amazonOrderId: string): Promise<unknown> {
  const path = `/orders/v0/orders/${encodeURIComponent(amazonOrderId)}`;
  const rdt = await createRestrictedDataToken(account, {
    method: 'GET',
    path,
    dataElements: GET_ORDER_DATA_ELEMENTS,
  });
  const response = await getJson(`${account.apiBaseUrl}${path}`, {
    headers: { ...headers(account), 'x-amz-access-token': rdt },
  });
  return payloadOf(response);
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

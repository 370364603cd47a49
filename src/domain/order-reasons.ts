/**
 * Why an order was held or cancelled, from a fixed list. Customers only ever see the localized
 * sentence for the code; the free-text note a caller may add stays with ops (timeline, read model).
 */
export const ORDER_REASON_CODES = [
  'customer_request',
  'payment_issue',
  'out_of_stock',
  'address_problem',
  'fraud_suspected',
  'other',
] as const;
export type OrderReasonCode = (typeof ORDER_REASON_CODES)[number];

export function isOrderReasonCode(value: unknown): value is OrderReasonCode {
  return typeof value === 'string' && (ORDER_REASON_CODES as readonly string[]).includes(value);
}

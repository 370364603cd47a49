import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes ops use in the Temporal UI; registered on the server at start. */
export const OrderStatusAttribute = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const OrderChannelAttribute = defineSearchAttributeKey('OrderChannel', SearchAttributeType.KEYWORD);
export const CustomerIdAttribute = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const CarrierAttribute = defineSearchAttributeKey('Carrier', SearchAttributeType.KEYWORD);
export const TrackingNumberAttribute = defineSearchAttributeKey(
  'TrackingNumber',
  SearchAttributeType.KEYWORD,
);
export const OrderDelayedAttribute = defineSearchAttributeKey('OrderDelayed', SearchAttributeType.BOOL);

export const ORDER_SEARCH_ATTRIBUTES = [
  OrderStatusAttribute,
  OrderChannelAttribute,
  CustomerIdAttribute,
  CarrierAttribute,
  TrackingNumberAttribute,
  OrderDelayedAttribute,
];

/** `--search-attribute Name=Type` flags for `temporal server start-dev`. */
export function searchAttributeFlags(): string[] {
  const cliType: Record<string, string> = { KEYWORD: 'Keyword', BOOL: 'Bool' };
  return ORDER_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}

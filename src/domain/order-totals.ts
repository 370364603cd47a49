import type { CanonicalOrder, OrderLine, OrderTotals } from './order';

// Kept apart from the order's schemas so that workflow code can use it without loading zod,
// whose schema construction would otherwise run again in every new workflow's isolated context.

/** Quantity × unit price over the lines. */
export function linesSubtotalMinor(
  lines: ReadonlyArray<Pick<OrderLine, 'quantity' | 'unitPriceMinor'>>,
): number {
  return lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
}

/** Totals of an order whose channel stated none: the lines, with no tax, shipping or discount. */
export function totalsFromLines(
  lines: ReadonlyArray<Pick<OrderLine, 'quantity' | 'unitPriceMinor'>>,
): OrderTotals {
  const subtotalMinor = linesSubtotalMinor(lines);
  return { subtotalMinor, taxMinor: 0, shippingMinor: 0, discountMinor: 0, totalMinor: subtotalMinor };
}

/** subtotal + tax (unless included) + shipping − discounts: what the total should be. */
export function expectedTotalMinor(totals: Omit<OrderTotals, 'totalMinor'>): number {
  const tax = totals.taxIncluded ? 0 : totals.taxMinor;
  return totals.subtotalMinor + tax + totals.shippingMinor - totals.discountMinor;
}

/** What the customer paid: the channel's total, or the lines for orders that carry no totals. */
export function orderTotalMinor(order: Pick<CanonicalOrder, 'lines' | 'totals'>): number {
  return order.totals?.totalMinor ?? linesSubtotalMinor(order.lines);
}

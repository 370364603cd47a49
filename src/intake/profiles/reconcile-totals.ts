import type { OrderTotals } from '../../domain/order';
import { expectedTotalMinor, linesSubtotalMinor } from '../../domain/order-totals';
import { problem, type FieldProblem, type OrderDraft } from '../types';
import type { ValidationProfile } from './profile';

/** The channel's money for the canonical order: as stated, with the lines' sum when it states no subtotal. */
export function totalsOf(draft: OrderDraft): OrderTotals {
  const lines = linesSubtotalMinor(draft.lines);
  const reported = draft.reported;
  if (!reported)
    return { subtotalMinor: lines, taxMinor: 0, shippingMinor: 0, discountMinor: 0, totalMinor: lines };
  return {
    subtotalMinor: reported.subtotalMinor ?? lines,
    taxMinor: reported.taxMinor,
    shippingMinor: reported.shippingMinor,
    discountMinor: reported.discountMinor,
    totalMinor: reported.totalMinor,
    ...(reported.taxIncluded ? { taxIncluded: true } : {}),
  };
}

function toleranceFor(totalMinor: number, rule: ValidationProfile['totals']): number {
  return Math.max(rule.toleranceMinor, Math.floor(Math.abs(totalMinor) * rule.toleranceRatio));
}

/**
 * The profile's totals rule: the channel's subtotal matches its lines, and subtotal + tax (unless
 * included in the prices) + shipping − discounts matches its total, each within the tolerance.
 */
export function totalsProblems(draft: OrderDraft, rule: ValidationProfile['totals']): FieldProblem[] {
  if (!rule.reconcile || !draft.reported) return [];
  const totals = totalsOf(draft);
  const { subtotalMinor, taxMinor, shippingMinor, discountMinor, totalMinor } = totals;
  if (![subtotalMinor, taxMinor, shippingMinor, discountMinor, totalMinor].every(Number.isFinite)) {
    return [problem('totals', 'the channel reported totals that are not decimal amounts')];
  }
  const tolerance = toleranceFor(totalMinor, rule);
  const problems: FieldProblem[] = [];
  const lines = linesSubtotalMinor(draft.lines);
  if (Number.isFinite(lines) && Math.abs(lines - subtotalMinor) > tolerance) {
    problems.push(
      problem(
        'totals.subtotalMinor',
        `the channel's subtotal ${subtotalMinor} differs from the lines (quantity × unit price = ${lines}) by more than ${tolerance}`,
      ),
    );
  }
  const expected = expectedTotalMinor(totals);
  if (Math.abs(expected - totalMinor) > tolerance) {
    const tax = totals.taxIncluded ? 'tax included' : `tax ${taxMinor}`;
    problems.push(
      problem(
        'totals.totalMinor',
        `the channel's total ${totalMinor} differs from subtotal ${subtotalMinor} + ${tax} + shipping ${shippingMinor} − discounts ${discountMinor} = ${expected} by more than ${tolerance}`,
      ),
    );
  }
  return problems;
}

import type { CanonicalOrder } from '../domain/order';

export interface StartOrderResult {
  orderId: string;
  workflowId: string;
  /** false when the order already existed (duplicate intake): nothing new was started. */
  created: boolean;
}

/** Starts (or finds) the order workflow for a canonical order. Provided by the order core. */
export type OrderStarter = (order: CanonicalOrder) => Promise<StartOrderResult>;

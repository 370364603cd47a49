import type { CanonicalOrder } from '../domain/order';
import type { StartOrderResult } from '../workflows/order/contract';

/** Starts (or finds) the order workflow for a canonical order. Provided by the order core. */
export type OrderStarter = (order: CanonicalOrder) => Promise<StartOrderResult>;

import type { Client } from '@temporalio/client';
import { createCarrierActivities, type CarrierActivityDeps } from '../carriers/polling/carrier-activities';
import type { Database } from '../db/database';
import { createCustomerNoticeActivities } from './customer-notices';
import { createInventoryActivities } from './inventory';
import { createOrderExceptionActivities } from './order-exceptions';
import { createProjectionActivities } from './projection';
import { createShipmentActivities, type ShipmentActivityConfig } from './shipments';

export interface OrderActivityDependencies {
  db: Database;
  shipping: ShipmentActivityConfig;
  carriers: CarrierActivityDeps;
  /** Starts the customer notification workflows. */
  client: Client;
}

export function createOrderActivities(deps: OrderActivityDependencies) {
  return {
    ...createInventoryActivities(deps.db),
    ...createShipmentActivities(deps.db, deps.shipping),
    ...createProjectionActivities(deps.db),
    ...createCarrierActivities(deps.carriers),
    ...createCustomerNoticeActivities(deps.client),
    ...createOrderExceptionActivities(deps.db),
  };
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;

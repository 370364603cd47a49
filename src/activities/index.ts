import type { Database } from '../db/database';
import { createInventoryActivities } from './inventory';
import { createProjectionActivities } from './projection';
import { createShipmentActivities, type ShipmentActivityConfig } from './shipments';

export interface OrderActivityDependencies {
  db: Database;
  shipping: ShipmentActivityConfig;
}

export function createOrderActivities(deps: OrderActivityDependencies) {
  return {
    ...createInventoryActivities(deps.db),
    ...createShipmentActivities(deps.db, deps.shipping),
    ...createProjectionActivities(deps.db),
  };
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;

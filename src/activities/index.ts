import { createCarrierActivities, type CarrierActivityDeps } from '../carriers/polling/carrier-activities';
import type { Database } from '../db/database';
import { createInventoryActivities } from './inventory';
import { createProjectionActivities } from './projection';
import { createShipmentActivities, type ShipmentActivityConfig } from './shipments';

export interface OrderActivityDependencies {
  db: Database;
  shipping: ShipmentActivityConfig;
  carriers: CarrierActivityDeps;
}

export function createOrderActivities(deps: OrderActivityDependencies) {
  return {
    ...createInventoryActivities(deps.db),
    ...createShipmentActivities(deps.db, deps.shipping),
    ...createProjectionActivities(deps.db),
    ...createCarrierActivities(deps.carriers),
  };
}

export type OrderActivities = ReturnType<typeof createOrderActivities>;

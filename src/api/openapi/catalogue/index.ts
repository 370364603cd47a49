import type { ApiOperation } from '../operation';
import { CHANNEL_OPERATIONS } from './channels';
import { NOTIFICATION_OPERATIONS } from './notifications';
import { OPS_OPERATIONS } from './ops';
import { OPS_ACCESS_OPERATIONS } from './ops-access';
import { OPS_INTAKE_OPERATIONS } from './ops-intake';
import { OPS_TEMPORAL_OPERATIONS } from './ops-temporal';
import { INVENTORY_OPERATIONS, ORDER_OPERATIONS } from './orders';
import { SERVICE_OPERATIONS, STATUS_PAGE_OPERATIONS } from './service';
import { WEBHOOK_OPERATIONS } from './webhooks';

/** Every route of the HTTP API, in the order the document lists them. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  ...ORDER_OPERATIONS,
  ...INVENTORY_OPERATIONS,
  ...CHANNEL_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...NOTIFICATION_OPERATIONS,
  ...STATUS_PAGE_OPERATIONS,
  ...OPS_OPERATIONS,
  ...OPS_INTAKE_OPERATIONS,
  ...OPS_TEMPORAL_OPERATIONS,
  ...OPS_ACCESS_OPERATIONS,
  ...SERVICE_OPERATIONS,
];

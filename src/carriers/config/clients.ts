import { createFedexClient, type FedexClient } from '../fedex/fedex-client';
import { createUpsClient, type UpsClient } from '../ups/ups-client';
import type { CarrierApiSettings } from './settings';

export interface CarrierClients {
  fedex: FedexClient;
  ups: UpsClient;
}

export function createCarrierClients(settings: CarrierApiSettings): CarrierClients {
  return { fedex: createFedexClient(settings.fedex), ups: createUpsClient(settings.ups) };
}

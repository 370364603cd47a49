import { createFedexClient, type FedexClient } from '../carriers/fedex/fedex-client';
import { createUpsClient, type UpsClient } from '../carriers/ups/ups-client';
import type { CarrierApiSettings } from './carrier-settings';

export interface CarrierClients {
  fedex: FedexClient;
  ups: UpsClient;
}

export function createCarrierClients(settings: CarrierApiSettings): CarrierClients {
  return { fedex: createFedexClient(settings.fedex), ups: createUpsClient(settings.ups) };
}

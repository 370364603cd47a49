import type { Carrier } from '../../domain/tracking-status';

/** The carriers the service tracks, as aggregators name them ("FedEx", "fedex", "UPS", "ups"). */
export function carrierFromAggregatorName(name: string | null | undefined): Carrier | undefined {
  const key = name?.trim().toLowerCase();
  if (key === 'fedex') return 'fedex';
  if (key === 'ups') return 'ups';
  return undefined;
}

const CARRIER_NAMES: Readonly<Record<string, string>> = {
  fedex: 'FedEx',
  ups: 'UPS',
  usps: 'USPS',
  dhl: 'DHL',
};

const TRACKING_PAGES: Readonly<Record<string, (trackingNumber: string) => string>> = {
  fedex: (n) => `https://www.fedex.com/fedextrack/?trknbr=${encodeURIComponent(n)}`,
  ups: (n) => `https://www.ups.com/track?tracknum=${encodeURIComponent(n)}`,
  usps: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${encodeURIComponent(n)}`,
  dhl: (n) => `https://www.dhl.com/global-en/home/tracking.html?tracking-id=${encodeURIComponent(n)}`,
};

export function carrierDisplayName(carrier: string | undefined): string | undefined {
  if (!carrier) return undefined;
  return CARRIER_NAMES[carrier.toLowerCase()] ?? carrier;
}

/** The carrier's public tracking page, or undefined for carriers without a known page. */
export function carrierTrackingUrl(carrier: string | undefined, trackingNumber: string | undefined) {
  if (!carrier || !trackingNumber) return undefined;
  return TRACKING_PAGES[carrier.toLowerCase()]?.(trackingNumber);
}

import type { Carrier } from './tracking-status';

/**
 * Carrier-valid tracking numbers: UPS "1Z" numbers and FedEx Express 12-digit numbers, with the check
 * digits the carriers define (rules in specs/tracking-numbers). Uniqueness comes from the
 * caller's package sequence number, which must be unique per carrier account.
 */

const UPS_SERVICE_CODES: Record<string, string> = {
  overnight: '01',
  express: '02',
  standard: '03',
  economy: '03',
};

function upsCharValue(char: string): number {
  return /[0-9]/.test(char) ? Number(char) : (char.charCodeAt(0) - 3) % 10;
}

/** UPS mod-10 over the 15 characters after "1Z": odd positions (1-based even) weigh double. */
export function upsCheckDigit(serial: string): number {
  const sum = [...serial].reduce(
    (acc, char, index) => acc + upsCharValue(char) * (index % 2 === 1 ? 2 : 1),
    0,
  );
  return (10 - (sum % 10)) % 10;
}

const FEDEX_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

/** FedEx Express: weighted sum of the 11 serial digits, mod 11, mod 10. */
export function fedexCheckDigit(serial: string): number {
  const sum = [...serial].reduce((acc, digit, index) => acc + Number(digit) * FEDEX_WEIGHTS[index]!, 0);
  return (sum % 11) % 10;
}

export interface TrackingNumberRequest {
  carrier: Carrier;
  service: string;
  /** A number unique per carrier account, e.g. from a database sequence. */
  packageSequence: number;
  /** UPS shipper account number (6 characters). */
  upsShipperId?: string;
}

export function generateTrackingNumber(request: TrackingNumberRequest): string {
  const { carrier, packageSequence } = request;
  if (!Number.isSafeInteger(packageSequence) || packageSequence < 0) {
    throw new RangeError(`package sequence must be a non-negative integer, got ${packageSequence}`);
  }
  if (carrier === 'ups') {
    const shipper = (request.upsShipperId ?? '8V92A7').toUpperCase();
    if (!/^[A-Z0-9]{6}$/.test(shipper)) throw new RangeError('UPS shipper ID must be 6 letters or digits');
    if (packageSequence >= 10_000_000)
      throw new RangeError('UPS package sequence must have at most 7 digits');
    const serviceCode = UPS_SERVICE_CODES[request.service] ?? '03';
    const serial = `${shipper}${serviceCode}${String(packageSequence).padStart(7, '0')}`;
    return `1Z${serial}${upsCheckDigit(serial)}`;
  }
  if (packageSequence >= 100_000_000_000)
    throw new RangeError('FedEx package sequence must have at most 11 digits');
  // A leading 7 keeps generated numbers in the range FedEx Express labels use.
  const serial = `7${String(packageSequence).padStart(10, '0')}`;
  return `${serial}${fedexCheckDigit(serial)}`;
}

export function isValidTrackingNumber(carrier: Carrier, raw: string): boolean {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (carrier === 'ups') {
    const match = /^1Z([A-Z0-9]{15})(\d)$/.exec(value);
    return !!match && upsCheckDigit(match[1]!) === Number(match[2]);
  }
  const match = /^(\d{11})(\d)$/.exec(value);
  return !!match && fedexCheckDigit(match[1]!) === Number(match[2]);
}

const TRACKING_URLS: Record<Carrier, string> = {
  ups: 'https://www.ups.com/track?tracknum=',
  fedex: 'https://www.fedex.com/fedextrack/?trknbr=',
};

export function trackingUrl(carrier: Carrier, trackingNumber: string): string {
  return `${TRACKING_URLS[carrier]}${encodeURIComponent(trackingNumber)}`;
}

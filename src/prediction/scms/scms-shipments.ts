import { daysBetween, importSource, type ShipmentHistoryRecord } from '../history/shipment-history';
import { parseScmsDate, parseScmsNumber } from './scms-dates';

export const SCMS_COLUMNS = {
  id: 'ID',
  destination: 'Country',
  origin: 'Manufacturing Site',
  mode: 'Shipment Mode',
  fulfilVia: 'Fulfill Via',
  incoterm: 'Vendor INCO Term',
  poSent: 'PO Sent to Vendor Date',
  scheduled: 'Scheduled Delivery Date',
  delivered: 'Delivered to Client Date',
  weight: 'Weight (Kilograms)',
} as const;

export type SkipReason =
  'missing-id' | 'missing-destination' | 'unreadable-scheduled-date' | 'unreadable-delivered-date';

export type ScmsRowResult = { record: ShipmentHistoryRecord } | { skipped: SkipReason };

const text = (row: Record<string, string>, column: string): string => (row[column] ?? '').trim();
const orNull = (value: string): string | null => (value === '' || /^n\/a/i.test(value) ? null : value);

/**
 * One SCMS line item as a delivered shipment: Country is the destination, Manufacturing Site the
 * origin, Shipment Mode the service, Fulfill Via the carrier-like channel with the vendor's INCO term
 * as delivery terms, Scheduled Delivery Date the promise, Delivered to Client Date the outcome and
 * PO Sent to Vendor Date, when it is a date, the shipped time.
 */
export function scmsRowToShipment(row: Record<string, string>, file: string): ScmsRowResult {
  const id = text(row, SCMS_COLUMNS.id);
  if (id === '') return { skipped: 'missing-id' };
  const destination = text(row, SCMS_COLUMNS.destination);
  if (destination === '') return { skipped: 'missing-destination' };
  const promisedDate = parseScmsDate(text(row, SCMS_COLUMNS.scheduled));
  if (!promisedDate) return { skipped: 'unreadable-scheduled-date' };
  const deliveredDate = parseScmsDate(text(row, SCMS_COLUMNS.delivered));
  if (!deliveredDate) return { skipped: 'unreadable-delivered-date' };
  const shippedDate = parseScmsDate(text(row, SCMS_COLUMNS.poSent));
  return {
    record: {
      naturalKey: `scms:${id}`,
      source: importSource(file),
      carrier: text(row, SCMS_COLUMNS.fulfilVia) || 'unknown',
      service: orNull(text(row, SCMS_COLUMNS.mode)) ?? 'unknown',
      deliveryTerms: orNull(text(row, SCMS_COLUMNS.incoterm)),
      originRegion: orNull(text(row, SCMS_COLUMNS.origin)),
      destinationRegion: destination,
      promisedDate,
      shippedAt: shippedDate ? `${shippedDate}T00:00:00.000Z` : null,
      deliveredAt: `${deliveredDate}T00:00:00.000Z`,
      weightKg: parseScmsNumber(text(row, SCMS_COLUMNS.weight)),
      stageTimings: shippedDate ? { shippedToDeliveredDays: daysBetween(shippedDate, deliveredDate) } : {},
    },
  };
}

export interface ScmsImport {
  records: ShipmentHistoryRecord[];
  skipped: Partial<Record<SkipReason, number>>;
}

/** Every row of an SCMS file, with the rows that cannot be used counted by reason. */
export function scmsRowsToShipments(rows: Array<Record<string, string>>, file: string): ScmsImport {
  const result: ScmsImport = { records: [], skipped: {} };
  for (const row of rows) {
    const outcome = scmsRowToShipment(row, file);
    if ('record' in outcome) result.records.push(outcome.record);
    else result.skipped[outcome.skipped] = (result.skipped[outcome.skipped] ?? 0) + 1;
  }
  return result;
}

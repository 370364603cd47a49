/** One delivered shipment as the history keeps it: the promise, the outcome and what shaped them. */
export interface ShipmentHistoryRecord {
  /** Unique per shipment, so an import or a replay never adds it twice. */
  naturalKey: string;
  /** 'service' for the service's own shipments, `import:<file>` for imported history. */
  source: string;
  carrier: string;
  service: string;
  /** Incoterm or similar delivery terms, when the source has them. */
  deliveryTerms: string | null;
  originRegion: string | null;
  destinationRegion: string;
  /** YYYY-MM-DD. */
  promisedDate: string;
  /** ISO timestamps. */
  shippedAt: string | null;
  deliveredAt: string;
  weightKg: number | null;
  /** Named stage durations in days (e.g. shipped→delivered). */
  stageTimings: Record<string, number>;
}

export const SERVICE_SOURCE = 'service';
export const importSource = (file: string): string => `import:${file}`;

const DAY_MS = 86_400_000;

/** Whole calendar days from one YYYY-MM-DD (or ISO timestamp, by its UTC date) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to.slice(0, 10)) - Date.parse(from.slice(0, 10))) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date.slice(0, 10)) + days * DAY_MS).toISOString().slice(0, 10);
}

/** What a shipment's route is described by; the model groups history into lanes by these. */
export interface ShipmentLane {
  carrier: string;
  service: string;
  deliveryTerms: string | null;
  originRegion: string | null;
  destinationRegion: string;
}

export type LaneAttribute = keyof ShipmentLane;

/** A past shipment reduced to what the model learns from: its lane, its promise, how far off it was. */
export interface TrainingExample extends ShipmentLane {
  promisedDate: string;
  /** Delivered minus promised, in days; positive is late. */
  residualDays: number;
}

/**
 * Lane levels from the most specific to the broadest; each level's attributes are a subset of the
 * one before, so every lane has exactly one parent. The last level, with no attributes, is "all".
 */
export const DEFAULT_LANE_LEVELS: LaneAttribute[][] = [
  ['carrier', 'deliveryTerms', 'service', 'destinationRegion'],
  ['carrier', 'deliveryTerms', 'service'],
  ['carrier', 'deliveryTerms'],
  ['carrier'],
  [],
];

export function laneKey(level: number, attributes: readonly LaneAttribute[], lane: ShipmentLane): string {
  return [String(level), ...attributes.map((name) => lane[name] ?? '-')].join('|');
}

export function laneValues(
  attributes: readonly LaneAttribute[],
  lane: ShipmentLane,
): Partial<Record<LaneAttribute, string | null>> {
  return Object.fromEntries(attributes.map((name) => [name, lane[name]]));
}

export function levelName(attributes: readonly LaneAttribute[]): string {
  return attributes.length === 0 ? 'all' : attributes.join('+');
}

export function assertNestedLevels(levels: readonly LaneAttribute[][]): void {
  levels.forEach((attributes, i) => {
    const next = levels[i + 1];
    if (next && !next.every((name) => attributes.includes(name))) {
      throw new Error(`lane level ${levelName(next)} is not a subset of ${levelName(attributes)}`);
    }
  });
  if (levels.at(-1)?.length !== 0) throw new Error('the last lane level must be "all" (no attributes)');
}

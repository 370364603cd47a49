/** Facts about a dead letter that decide how urgently ops should look at it. */
export interface ImpactFacts {
  channel: string;
  valueMinor?: number | null;
  customerTier?: string | null;
  placedAt?: string | Date | null;
  receivedAt: string | Date;
}

export const PRIORITY_WEIGHTS = {
  /** Points per tenfold order value (in major units), capped. */
  valuePerDecade: 12,
  valueCap: 60,
  /** Points per hour the order has waited, capped: an old order is close to missing its ship-by date. */
  agePerHour: 1,
  ageCap: 48,
  tiers: { vip: 25, prime: 20, business: 10, gold: 15 } as Record<string, number>,
  /** Marketplaces penalize late shipment harder than own storefronts do. */
  channels: { amazon: 15, shopify: 8, woocommerce: 8, square: 6, web: 8, rest: 5 } as Record<string, number>,
};

/** Higher is more urgent. Pure: the same facts at the same moment give the same priority. */
export function impactPriority(facts: ImpactFacts, now: Date, weights = PRIORITY_WEIGHTS): number {
  const major = Math.max(0, (facts.valueMinor ?? 0) / 100);
  const value = Math.min(weights.valueCap, Math.log10(1 + major) * weights.valuePerDecade);
  const since = new Date(facts.placedAt ?? facts.receivedAt).getTime();
  const hours = Number.isFinite(since) ? Math.max(0, (now.getTime() - since) / 3_600_000) : 0;
  const age = Math.min(weights.ageCap, hours * weights.agePerHour);
  const tier = weights.tiers[(facts.customerTier ?? '').toLowerCase()] ?? 0;
  const channel = weights.channels[facts.channel] ?? 0;
  return Math.round((value + age + tier + channel) * 10) / 10;
}

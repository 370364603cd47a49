/**
 * Remembers the last N (order, event) pairs handed to workflows. Aggregators repeat a shipment's whole
 * history in every push; skipping what this process already delivered saves a workflow task per
 * repeat. Only an optimisation: the workflow itself ignores repeated event IDs.
 */
export class RecentlySignalled {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = 50_000) {}

  has(orderId: string, eventId: string): boolean {
    return this.keys.has(`${orderId}\u0000${eventId}`);
  }

  add(orderId: string, eventId: string): void {
    const key = `${orderId}\u0000${eventId}`;
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
  }
}

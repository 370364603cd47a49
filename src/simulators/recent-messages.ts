/**
 * What a simulator accepted: the latest `keep` messages and how many there were in all. `npm start`
 * runs its simulators for as long as the service runs, so it keeps only the latest; tests and
 * benchmarks keep every message (the default) to count them.
 */
export class RecentMessages<T> {
  private readonly messages: T[] = [];
  private accepted = 0;

  constructor(private readonly keep = Number.POSITIVE_INFINITY) {}

  add(message: T): void {
    this.accepted += 1;
    this.messages.push(message);
    if (this.messages.length > this.keep) this.messages.splice(0, this.messages.length - this.keep);
  }

  /** The kept messages, oldest first (the live array: callers copy what they hand out). */
  list(): readonly T[] {
    return this.messages;
  }

  /** Every message accepted since the start, kept or not. */
  get total(): number {
    return this.accepted;
  }
}

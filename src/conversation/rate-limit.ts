/** A sliding-window rate limit per key (user id): at most `limit` events in `windowMs`. */
export class RateLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Counts one event for `key`; false when the key is over its limit (the event is not counted). */
  allow(key: string): boolean {
    const t = this.now();
    const recent = (this.events.get(key) ?? []).filter((x) => t - x < this.windowMs);
    if (recent.length >= this.limit) {
      this.events.set(key, recent);
      return false;
    }
    recent.push(t);
    this.events.set(key, recent);
    if (this.events.size > 10_000) this.prune(t);
    return true;
  }

  private prune(t: number): void {
    for (const [k, v] of this.events) if (v.every((x) => t - x >= this.windowMs)) this.events.delete(k);
  }
}

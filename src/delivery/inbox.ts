/**
 * Deliveries from the platforms, on every channel and in both modes (webhook, long polling): each is
 * recorded durably before it is acknowledged, handled once (a redelivery is known by its id, across
 * restarts), marked handled when its reply is sent or in the outbox, and one a crash left unhandled is
 * handled at the next start.
 */
import type { Delivery, Records } from '../store/records.js';

/** Deliveries older than this when the bot starts again are not answered any more (the asker has moved on). */
const RESUME_WITHIN_MS = 24 * 3600_000;

/** A delivery recorded and being handled: `handled` settles when its reply is sent or in the outbox. */
export interface Accepted {
  handled: Promise<void>;
}

/** Recent delivery ids in memory, for a bot run without a records file (tests, the benchmark's baseline). */
const MEMORY_IDS = 5000;

/** The deliveries of every channel: recorded, handled once, resumed after a crash. */
export class Inbox {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly seen = new Set<string>();

  constructor(private readonly records: Records | undefined, private readonly log: (m: string) => void) {}

  /**
   * Records a delivery and starts handling it; resolves once it is recorded (acknowledge it then) with
   * the handling under way, or undefined for a duplicate. Rejects when it cannot be recorded: do not
   * acknowledge, the platform delivers it again. (The handling comes wrapped: a promise resolved with a
   * promise would wait for it.)
   */
  async accept(d: Delivery, handle: () => Promise<void>): Promise<Accepted | undefined> {
    if (!(await this.isNew(d))) return undefined;
    return { handled: this.track(d, handle) };
  }

  private async isNew(d: Delivery): Promise<boolean> {
    if (this.records) return (await this.records.receive(d)) === 'new';
    const id = `${d.channel}:${d.key}`;
    if (this.seen.has(id)) return false;
    this.seen.add(id);
    if (this.seen.size > MEMORY_IDS) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  private track(d: Pick<Delivery, 'channel' | 'key'>, handle: () => Promise<void>): Promise<void> {
    const work = handle()
      .catch((err: Error) => this.log(`${d.channel}: delivery ${d.key} failed: ${err.message}`))
      .then(() => this.records?.handled(d.channel, d.key));
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return work;
  }

  /**
   * Handles the deliveries of a channel an earlier run recorded but did not finish (it was killed): the
   * recent ones are answered now, older ones only marked, with a log line either way.
   */
  async resume(channel: string, handle: (body: unknown) => Promise<void>): Promise<number> {
    if (!this.records) return 0;
    const left = await this.records.unhandled(channel);
    let resumed = 0;
    for (const d of left) {
      if (Date.now() - Date.parse(d.at) > RESUME_WITHIN_MS) {
        this.log(`${channel}: delivery ${d.key} from ${d.at} was never answered and is too old to answer now`);
        await this.records.handled(channel, d.key);
        continue;
      }
      void this.track(d, () => handle(d.body));
      resumed++;
    }
    if (resumed) this.log(`${channel}: answering ${resumed} delivery(ies) recorded before the last stop but not answered`);
    return resumed;
  }

  /** Waits for the handling under way, until `deadline` (ms since the epoch); false when some is left. */
  async drain(deadline: number): Promise<boolean> {
    while (this.inFlight.size) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(this.inFlight), new Promise((r) => { timer = setTimeout(r, left); })]);
      clearTimeout(timer);
    }
    return true;
  }
}

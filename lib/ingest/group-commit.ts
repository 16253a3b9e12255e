// Group commit: batches of one team that arrive while that team's earlier writes are in flight are stored
// together, in one transaction per group. Concurrent batches then add to the same rollup rows once instead
// of each waiting on the other's row locks, and each statement's fixed cost is paid once per group. Each
// caller learns its result only after the commit that holds its events, so a 200 still means durable.

type Waiting<E> = { events: E[]; resolve: (stored: number) => void; reject: (err: unknown) => void };
type Queue<E> = { waiting: Waiting<E>[]; running: number };

/** A group never grows past this many events (a 1,000-event batch is the largest a request carries). */
export const MAX_GROUP_EVENTS = 5000;
/**
 * Groups of a team in flight at once: two, so one group's statements run in the database while the next is
 * prepared in this process; more would only wait on the same rollup rows.
 */
export const GROUPS_IN_FLIGHT = 2;

export class GroupCommit<E extends { id: string }> {
  private readonly queues = new Map<string, Queue<E>>();

  /** `store` writes events (ids unique among them) in one transaction and resolves to the ids it stored (new ones). */
  constructor(private readonly store: (key: string, events: E[]) => Promise<Set<string>>) {}

  /**
   * Stores `events` (ids unique within them) with whatever else of the same key is waiting; resolves to how
   * many of them were stored. An id that an earlier batch of the group also carries is a duplicate here, as
   * it would be had that batch been stored first.
   */
  add(key: string, events: E[]): Promise<number> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(key);
      if (!queue) this.queues.set(key, (queue = { waiting: [], running: 0 }));
      queue.waiting.push({ events, resolve, reject });
      this.pump(key, queue);
    });
  }

  private pump(key: string, queue: Queue<E>) {
    while (queue.waiting.length && queue.running < GROUPS_IN_FLIGHT) {
      let size = 0;
      let count = 0;
      while (count < queue.waiting.length && (count === 0 || size + queue.waiting[count].events.length <= MAX_GROUP_EVENTS)) size += queue.waiting[count++].events.length;
      const group = queue.waiting.splice(0, count);
      queue.running += 1;
      void this.commit(key, group).finally(() => {
        queue.running -= 1;
        this.pump(key, queue);
      });
    }
    if (!queue.waiting.length && queue.running === 0) this.queues.delete(key);
  }

  private async commit(key: string, group: Waiting<E>[]): Promise<void> {
    const owner = new Map<string, Waiting<E>>();
    const events: E[] = [];
    for (const w of group) {
      for (const e of w.events) {
        if (owner.has(e.id)) continue;
        owner.set(e.id, w);
        events.push(e);
      }
    }
    let stored: Set<string>;
    try {
      stored = await this.store(key, events);
    } catch (err) {
      if (group.length === 1) return group[0].reject(err);
      // One batch's failure must not fail the others: each is tried again on its own.
      for (const w of group) await this.commit(key, [w]);
      return;
    }
    const counts = new Map<Waiting<E>, number>();
    for (const id of stored) {
      const w = owner.get(id);
      if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    for (const w of group) w.resolve(counts.get(w) ?? 0);
  }
}

// Background delivery of events and outcome labels: batched by size and time, gzip, retried with
// exponential backoff and jitter, honouring 429 Retry-After, in a bounded buffer that drops the oldest.
// Nothing here throws into the app.
import { gzipSync } from "node:zlib";

export type TransportOptions = {
  url: string;
  apiKey: string;
  /** The JSON key the batch goes under: "events" or "outcomes". */
  field: string;
  maxBuffer: number;
  batchSize: number;
  flushIntervalMs: number;
  fetch: typeof fetch;
  warn: (message: string) => void;
};

const MAX_BACKOFF_MS = 30_000;

export class Transport<T> {
  private buffer: T[] = [];
  private sending: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryAt = 0;
  private failures = 0;
  private warnedFull = false;
  /** Items dropped because the buffer was full. */
  dropped = 0;
  /** Items the server accepted (or reported as duplicates). */
  delivered = 0;

  constructor(private readonly o: TransportOptions) {}

  enqueue(item: T) {
    if (this.buffer.length >= this.o.maxBuffer) {
      // Drop the oldest tenth at once: shifting one at a time would cost O(buffer) on every call.
      const drop = Math.max(1, Math.ceil(this.o.maxBuffer / 10));
      this.buffer.splice(0, drop);
      this.dropped += drop;
      if (!this.warnedFull) {
        this.warnedFull = true;
        this.o.warn(`buffer full (${this.o.maxBuffer}); dropping the oldest ${this.o.field} until the server accepts them again`);
      }
    }
    this.buffer.push(item);
    if (this.buffer.length >= this.o.batchSize) this.kick(0);
    else this.kick(this.o.flushIntervalMs);
  }

  get pending() {
    return this.buffer.length;
  }

  /** Sends until the buffer is empty or the server cannot be reached; resolves either way. */
  async flush(): Promise<void> {
    while (this.buffer.length > 0) {
      const before = this.buffer.length + this.delivered;
      await this.sendOnce(true);
      if (this.buffer.length + this.delivered === before) return; // no progress: server unreachable
    }
  }

  private kick(delayMs: number) {
    if (this.timer || this.sending) return;
    const wait = Math.max(delayMs, this.retryAt - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sendOnce(false).then(() => {
        if (this.buffer.length > 0) this.kick(this.buffer.length >= this.o.batchSize ? 0 : this.o.flushIntervalMs);
      });
    }, wait);
    this.timer.unref?.();
  }

  private sendOnce(ignoreBackoff: boolean): Promise<void> {
    if (this.sending) return this.sending;
    if (!ignoreBackoff && Date.now() < this.retryAt) return Promise.resolve();
    const batch = this.buffer.slice(0, this.o.batchSize);
    if (!batch.length) return Promise.resolve();
    this.sending = this.post(batch)
      .then((sent) => {
        if (!sent) return;
        // Items that arrived while sending stay; the oldest may have been dropped meanwhile.
        const index = this.buffer.indexOf(batch[0]);
        if (index >= 0) this.buffer.splice(index, batch.length);
        this.delivered += batch.length;
      })
      .finally(() => {
        this.sending = null;
      });
    return this.sending;
  }

  /** True when the server took the batch (or refused it for good: a 4xx other than 429). */
  private async post(batch: T[]): Promise<boolean> {
    try {
      const res = await this.o.fetch(this.o.url, {
        method: "POST",
        headers: { authorization: `Bearer ${this.o.apiKey}`, "content-type": "application/json", "content-encoding": "gzip" },
        body: gzipSync(JSON.stringify({ [this.o.field]: batch })),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return this.succeeded();
      if (res.status === 429) return this.backoff(Number(res.headers.get("retry-after")) * 1000 || undefined);
      if (res.status >= 500) return this.backoff();
      this.o.warn(`server refused a batch of ${batch.length} ${this.o.field} with ${res.status}; dropping it`);
      return this.succeeded();
    } catch {
      return this.backoff();
    }
  }

  private succeeded() {
    this.failures = 0;
    this.retryAt = 0;
    return true;
  }

  private backoff(retryAfterMs?: number) {
    this.failures += 1;
    const exponential = Math.min(MAX_BACKOFF_MS, 250 * 2 ** (this.failures - 1));
    this.retryAt = Date.now() + (retryAfterMs ?? exponential * (0.5 + Math.random() / 2));
    return false;
  }
}

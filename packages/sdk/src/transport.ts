// Background delivery of events and outcome labels: batched by size and time, gzip, retried with
// exponential backoff and jitter, honouring 429/503 Retry-After, in a bounded buffer that drops the
// oldest. A batch the server refuses is split until the items it refuses are alone; those are dropped
// and counted, so one bad item never holds up the rest. A refused key (401/403) pauses delivery.
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
/** A 500 on the same batch this many times in a row is taken to mean the batch itself is at fault. */
const SERVER_ERRORS_BEFORE_SPLIT = 3;
/** While the key is refused (or the URL is wrong), the server is asked again this often (a fix in place recovers). */
const AUTH_RETRY_MS = 60_000;

/** What one POST did: the items it settled, or why it did not. */
type Sent =
  | { kind: "settled"; rejected: number; reason?: string }
  | { kind: "refused"; reason: string } // the server will not take this batch as it is
  | { kind: "server_error" }
  | { kind: "retry"; afterMs?: number } // unreachable, overloaded or rate-limited: same batch later
  | { kind: "paused"; reason: string }; // the key is refused, or there is no ingest endpoint at this URL

export class Transport<T> {
  private buffer: T[] = [];
  private sending: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerDue = 0;
  private retryAt = 0;
  private failures = 0;
  private serverErrors = 0;
  /** How many items the next POST carries: less than batchSize while isolating refused items. */
  private sendSize: number;
  private readonly warned = new Set<string>();
  /** Why delivery is paused (the key was refused, or the URL has no ingest endpoint), or null. */
  paused: string | null = null;
  /** Items dropped because the buffer was full. */
  dropped = 0;
  /** Items the server accepted (or reported as duplicates). */
  delivered = 0;
  /** Items the server refused for good (invalid); dropped and counted, never delivered. */
  rejected = 0;

  constructor(private readonly o: TransportOptions) {
    this.sendSize = o.batchSize;
  }

  enqueue(item: T) {
    if (this.buffer.length >= this.o.maxBuffer) {
      // Drop the oldest tenth at once: shifting one at a time would cost O(buffer) on every call.
      const drop = Math.max(1, Math.ceil(this.o.maxBuffer / 10));
      this.buffer.splice(0, drop);
      this.dropped += drop;
      this.warnOnce("full", `buffer full (${this.o.maxBuffer}); dropping the oldest ${this.o.field} until the server accepts them again`);
    }
    this.buffer.push(item);
    if (this.buffer.length >= this.o.batchSize) this.kick(0);
    else this.kick(this.o.flushIntervalMs);
  }

  get pending() {
    return this.buffer.length;
  }

  /** Sends until the buffer is empty or no progress is made (unreachable, key refused); resolves either way. */
  async flush(): Promise<void> {
    while (this.buffer.length > 0) {
      const settled = this.delivered + this.rejected;
      const size = this.sendSize;
      await this.sendOnce(true);
      // A smaller batch after a refusal is progress too: it is how refused items are isolated.
      if (this.delivered + this.rejected === settled && this.sendSize === size) return;
    }
  }

  private kick(delayMs: number) {
    if (this.sending) return;
    const now = Date.now();
    const wait = Math.max(delayMs, this.retryAt - now);
    // A full batch must not wait for the flush interval already scheduled: bring the send forward. Only
    // then: while backing off the due time is the same (one clock reading), and the timer stays as it is.
    if (this.timer) {
      if (now + wait >= this.timerDue) return;
      clearTimeout(this.timer);
    }
    this.timerDue = now + wait;
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
    if (this.paused && Date.now() < this.retryAt) return Promise.resolve();
    const batch = this.buffer.slice(0, this.sendSize);
    if (!batch.length) return Promise.resolve();
    this.sending = this.post(batch)
      .then((sent) => this.settle(batch, sent))
      .finally(() => {
        this.sending = null;
      });
    return this.sending;
  }

  private settle(batch: T[], sent: Sent) {
    if (sent.kind === "settled") {
      this.remove(batch);
      this.delivered += batch.length - sent.rejected;
      this.reject(sent.rejected, sent.reason);
      this.resume();
      this.sendSize = Math.min(this.o.batchSize, this.sendSize * 2);
    } else if (sent.kind === "paused") {
      this.paused = sent.reason;
      this.retryAt = Date.now() + AUTH_RETRY_MS;
      this.warnOnce("auth", `${sent.reason}; delivery of ${this.o.field} is paused and retried every minute.`);
    } else if (sent.kind === "retry") {
      this.backoff(sent.afterMs);
    } else if (sent.kind === "server_error" && ++this.serverErrors < SERVER_ERRORS_BEFORE_SPLIT) {
      this.backoff();
    } else {
      const reason = sent.kind === "refused" ? sent.reason : `the server failed on this batch ${SERVER_ERRORS_BEFORE_SPLIT} times`;
      this.serverErrors = 0;
      if (batch.length === 1) {
        this.remove(batch);
        this.reject(1, reason);
        this.resume();
      } else {
        this.sendSize = Math.ceil(batch.length / 2); // isolate the refused items by halves, without waiting
        this.retryAt = 0;
      }
    }
  }

  /** Takes a sent batch off the buffer; items that arrived meanwhile stay, the oldest may have been dropped. */
  private remove(batch: T[]) {
    const index = this.buffer.indexOf(batch[0]);
    if (index >= 0) this.buffer.splice(index, batch.length);
  }

  private reject(count: number, reason: string | undefined) {
    if (!count) return;
    this.rejected += count;
    this.warnOnce("rejected", `the server rejected ${this.o.field} it cannot store (${reason ?? "invalid"}); they are dropped and counted in stats().rejected`);
  }

  private async post(batch: T[]): Promise<Sent> {
    let res: Response;
    let body: unknown;
    try {
      res = await this.o.fetch(this.o.url, {
        method: "POST",
        headers: { authorization: `Bearer ${this.o.apiKey}`, "content-type": "application/json", "content-encoding": "gzip" },
        body: gzipSync(JSON.stringify({ [this.o.field]: batch })),
      });
      body = await res.json().catch(() => undefined);
    } catch {
      return { kind: "retry" };
    }
    if (res.ok) {
      const rejected = (body as { rejected?: { errors?: { path?: string; message?: string }[] }[] })?.rejected;
      const first = Array.isArray(rejected) ? rejected[0]?.errors?.[0] : undefined;
      return { kind: "settled", rejected: Array.isArray(rejected) ? rejected.length : 0, reason: first ? `${first.path}: ${first.message}` : undefined };
    }
    const message = (body as { error?: { message?: string } })?.error?.message ?? `HTTP ${res.status}`;
    if (res.status === 401 || res.status === 403) return { kind: "paused", reason: `the server refused the API key (${message}): check SWITCHYARD_API_KEY` };
    // Not the batch's fault: the URL is not a Switchyard server (or not this version of one).
    if (res.status === 404 || res.status === 405) return { kind: "paused", reason: `${this.o.url} answered ${res.status}: check baseUrl` };
    if (res.status === 429 || res.status === 503) return { kind: "retry", afterMs: Number(res.headers.get("retry-after")) * 1000 || undefined };
    if (res.status >= 500) return { kind: "server_error" };
    return { kind: "refused", reason: `${res.status}: ${message}` };
  }

  private resume() {
    this.failures = 0;
    this.serverErrors = 0;
    this.retryAt = 0;
    if (this.paused) {
      this.paused = null;
      this.warned.delete("auth");
    }
  }

  private backoff(retryAfterMs?: number) {
    this.failures += 1;
    const exponential = Math.min(MAX_BACKOFF_MS, 250 * 2 ** (this.failures - 1));
    this.retryAt = Date.now() + (retryAfterMs ?? exponential * (0.5 + Math.random() / 2));
  }

  private warnOnce(kind: string, message: string) {
    if (this.warned.has(kind)) return;
    this.warned.add(kind);
    this.o.warn(message);
  }
}

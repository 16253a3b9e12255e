// Keeps the team's published policy: pushed over the SSE stream, with ETag polling while the stream is
// down, and the last known policy kept whenever the server cannot be reached.
import http from "node:http";
import https from "node:https";
import { policySchema, type Policy } from "./policy";

export type Published = { version: number; policy: Policy };

type Options = {
  baseUrl: string;
  apiKey: string;
  fetch: typeof fetch;
  pollIntervalMs: number;
  onUpdate?: (p: Published) => void;
};

export class PolicySource {
  current: Published | null = null;
  /** The team's content capture setting; undefined until the server says (older servers never do). */
  captureContent: boolean | undefined = undefined;
  private stopped = false;
  private request: http.ClientRequest | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly o: Options) {}

  start() {
    void this.streamLoop();
  }

  stop() {
    this.stopped = true;
    this.request?.destroy();
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }

  private accept(body: unknown) {
    const parsed = body as { version?: unknown; policy?: unknown };
    const policy = policySchema.safeParse(parsed?.policy);
    if (typeof parsed?.version !== "number" || !policy.success) return;
    if (this.current && parsed.version <= this.current.version) return; // versions only grow (a rollback is a new version)
    this.current = { version: parsed.version, policy: policy.data };
    this.o.onUpdate?.(this.current);
  }

  /** The team's content capture setting, from the stream's settings event or the policy response's header. */
  private acceptSettings(captureContent: unknown) {
    if (typeof captureContent === "boolean") this.captureContent = captureContent;
  }

  private async streamLoop() {
    let delay = 500;
    while (!this.stopped) {
      try {
        await this.readStream();
        delay = 500;
      } catch {
        // fall through to polling, then try the stream again
      }
      if (this.stopped) return;
      await this.poll();
      await this.sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }

  // node:http rather than fetch so the open stream can be unref'd: it must not keep the app's process alive.
  private readStream(): Promise<void> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${this.o.baseUrl}/api/v1/policy/stream`);
      const get = url.protocol === "https:" ? https.get : http.get;
      const req = get(url, { headers: { authorization: `Bearer ${this.o.apiKey}`, accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`policy stream answered ${res.statusCode}`));
        }
        res.setEncoding("utf8");
        let pending = "";
        res.on("data", (chunk: string) => {
          pending += chunk;
          let end: number;
          while ((end = pending.indexOf("\n\n")) >= 0) {
            const message = pending.slice(0, end);
            pending = pending.slice(end + 2);
            const data = message.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trimStart()).join("\n");
            try {
              if (data && /(^|\n)event: ?policy(\n|$)/.test(message)) this.accept(JSON.parse(data));
              else if (data && /(^|\n)event: ?settings(\n|$)/.test(message)) this.acceptSettings(JSON.parse(data)?.captureContent);
            } catch {
              // a garbled message: wait for the next one
            }
          }
        });
        res.on("end", resolve);
        res.on("error", reject);
      });
      req.on("socket", (socket) => socket.unref());
      req.on("error", reject);
      this.request = req;
    });
  }

  private async poll() {
    try {
      const headers: Record<string, string> = { authorization: `Bearer ${this.o.apiKey}` };
      if (this.current) headers["if-none-match"] = `"${this.current.version}"`;
      const res = await this.o.fetch(`${this.o.baseUrl}/api/v1/policy`, { headers });
      const capture = res.headers.get("x-switchyard-capture-content");
      if (capture === "1" || capture === "0") this.acceptSettings(capture === "1");
      if (res.status === 200) this.accept(await res.json());
      else await res.arrayBuffer().catch(() => undefined);
    } catch {
      // unreachable: keep the last known policy
    }
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      this.pollTimer = setTimeout(resolve, Math.min(ms, this.o.pollIntervalMs));
      this.pollTimer.unref?.();
    });
  }
}
